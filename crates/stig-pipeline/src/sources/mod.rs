//! Sources: outside data in, events out. One file per format.
