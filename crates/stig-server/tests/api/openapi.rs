//! `/api/openapi.json` is OpenAPI 3.1, covers every entity, and every `$ref` resolves.

use crate::harness::Harness;

fn refs<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref" {
                    if let Some(r) = x.as_str() {
                        out.push(r);
                    }
                } else {
                    refs(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_description_covers_every_entity_and_resolves() {
    let h = Harness::new().await;
    let (status, _, doc, _) = h
        .api("GET", "/api/openapi.json", Some(&h.viewer), None, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    for (plural, schema) in [
        ("personas", "Persona"),
        ("journeys", "Journey"),
        ("touchpoints", "Touchpoint"),
        ("actors", "Actor"),
        ("goals", "Goal"),
        ("dilemmas", "Dilemma"),
    ] {
        let list = &doc["paths"][format!("/api/workspaces/{{ws}}/{plural}")];
        let one = &doc["paths"][format!("/api/workspaces/{{ws}}/{plural}/{{id}}")];
        for (item, method) in [
            (list, "get"),
            (list, "post"),
            (one, "get"),
            (one, "put"),
            (one, "delete"),
        ] {
            assert!(item[method].is_object(), "{plural}: no {method}");
        }
        assert!(
            doc["components"]["schemas"][schema]["properties"].is_object(),
            "no schema for {schema}"
        );
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50);
    for r in all {
        let pointer = r.strip_prefix('#').expect("local reference");
        assert!(doc.pointer(pointer).is_some(), "unresolved $ref {r}");
    }
    // Step and emotional element are described down to their fields.
    assert!(doc["components"]["schemas"]["Step"]["properties"]["touchpoints"].is_object());
    assert!(doc["components"]["schemas"]["EmotionalElement"]["properties"]["valence"].is_object());
}

/// Validates the document with an independent implementation, `openapi-spec-validator`
/// (PyPI), installed into a virtual environment under `target/` on first use.
#[tokio::test]
async fn an_independent_validator_accepts_it() {
    let Ok(python) = which("python3") else {
        eprintln!("SKIPPED: python3 is not installed, so openapi-spec-validator cannot run");
        return;
    };
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/py-openapi");
    let venv_python = target.join("bin/python");
    if !venv_python.exists() {
        let ok = std::process::Command::new(&python)
            .args(["-m", "venv"])
            .arg(&target)
            .status()
            .is_ok_and(|s| s.success())
            && std::process::Command::new(&venv_python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    "openapi-spec-validator==0.7.2",
                ])
                .status()
                .is_ok_and(|s| s.success());
        assert!(
            ok,
            "could not install openapi-spec-validator from PyPI into {}",
            target.display()
        );
    }
    let h = Harness::new().await;
    let (_, _, doc, _) = h
        .api("GET", "/api/openapi.json", Some(&h.viewer), None, None)
        .await;
    let file = target.join("openapi.json");
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = std::process::Command::new(&venv_python)
        .args(["-c", "import json,sys; from openapi_spec_validator import validate, OpenAPIV31SpecValidator; validate(json.load(open(sys.argv[1])), cls=OpenAPIV31SpecValidator); print('valid')"])
        .arg(&file)
        .output()
        .expect("validator runs");
    assert!(
        out.status.success(),
        "openapi-spec-validator rejects the document:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn which(bin: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(bin))
                .find(|p| p.is_file())
        })
        .ok_or(())
}
