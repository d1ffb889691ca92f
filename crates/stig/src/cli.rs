//! Command-line arguments, all in one place.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Stig: design customer journeys as code, check them, and draw them as journey maps.
#[derive(Parser)]
#[command(name = "stig", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Write the example workspaces shipped in the binary, check them and draw every journey map.
    Demo {
        /// Where to write the examples and their maps.
        #[arg(long, default_value = "stig-demo")]
        out: PathBuf,
    },
    /// Check a workspace: print every error and warning (exit 1 when there are errors).
    Check {
        /// The workspace directory (holding stig.toml).
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Draw a journey map as SVG, PNG or PDF.
    Render {
        dir: PathBuf,
        /// The journey to draw.
        #[arg(long)]
        journey: String,
        /// Personas whose designed emotion curves to overlay (repeatable; default: the
        /// journey's own list, else all personas).
        #[arg(long = "persona")]
        personas: Vec<String>,
        /// Output format; default: from the file extension of -o, else svg.
        #[arg(long, value_enum)]
        format: Option<ImageFormat>,
        /// Output file (`-` for standard output).
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the map's lane titles (en, nb, sv, da, fi); default: the workspace's.
        #[arg(long)]
        locale: Option<String>,
    },
    /// Create a commented starter workspace in DIR.
    New {
        dir: PathBuf,
        /// Workspace name (default: the directory name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Format a workspace's TOML files in place, keeping comments.
    Fmt {
        dir: PathBuf,
        /// Do not write; exit 1 if a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Run a benchmark and print its figures.
    Bench {
        #[arg(value_enum)]
        name: BenchName,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BenchName {
    /// Check and render generated workspaces of 50, 500 and 5,000 steps.
    Render,
}
