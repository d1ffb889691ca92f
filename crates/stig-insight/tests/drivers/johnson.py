"""Independent reference for stig-insight's driver analysis on the SFO customer surveys.

Reads the raw CSVs itself (pandas), and computes Johnson's (2000) relative weights with numpy,
following the contract in crates/stig-insight/src/drivers.rs's module documentation:
drop predictors with fewer than MIN_ANSWERS answers, mean-impute the rest, Pearson correlations,
R = Q diag(lam) Q^T (eigh), lam clamped at 0, half = Q diag(sqrt(lam)) Q^T,
beta = Q diag(1/sqrt(lam), 0 where lam <= 1e-12 max) Q^T r, weight_j = sum_k half[j,k]^2 beta_k^2.
A predictor whose variance is <= 1e-12 * max(1, mean^2) gets weight 0.
It also reports the OLS R^2 from a least-squares fit (np.linalg.lstsq), a second route to
the same number.

Usage: johnson.py DATA_DIR MIN_ANSWERS  ->  JSON on stdout:
{"2017": {"Q7ALL": case, "NETPRO": case}, "2018": {...}, "pooled": {...}}
case = {"rows", "r_squared", "ols_r_squared", "dropped", "drivers": {id: {"weight",
"performance", "answered"}}}
"""

import json
import sys

import numpy as np
import pandas as pd

# The touchpoint each Q7 column rates (2017 names; 2018 calls Q7WALKWAYS "Q7WALKWAY").
PREDICTORS = {
    "Q7ART": "art-exhibitions",
    "Q7FOOD": "restaurants",
    "Q7STORE": "shops",
    "Q7SIGN": "signs-directions",
    "Q7WALKWAYS": "walkways",
    "Q7SCREENS": "information-screens",
    "Q7INFODOWN": "info-booth-lower",
    "Q7INFOUP": "info-booth-upper",
    "Q7WIFI": "wifi",
    "Q7ROADS": "roadway-signs",
    "Q7PARK": "parking",
    "Q7AIRTRAIN": "airtrain",
    "Q7LTPARKING": "long-term-parking-shuttle",
    "Q7RENTAL": "rental-car-center",
}


def scale(column, low, high):
    """Numbers low..high (whole) kept, everything else (blank, 'Blank', 0, 6, 11) missing."""
    x = pd.to_numeric(column.str.strip(), errors="coerce")
    return x.where((x >= low) & (x <= high) & (x == np.floor(x)))


def read(path):
    df = pd.read_csv(path, encoding="latin-1", dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    df = df.rename(columns={"Q7WALKWAY": "Q7WALKWAYS"})
    df = df[df["RESPNUM"].str.strip() != ""]
    out = pd.DataFrame({tp: scale(df[col], 1, 5) for col, tp in PREDICTORS.items()})
    out["Q7ALL"] = scale(df["Q7ALL"], 1, 5)
    out["NETPRO"] = scale(df["NETPRO"], 0, 10)
    return out


def standardise(x):
    mean = x.mean()
    c = x - mean
    ss = float(c @ c)
    if ss / len(x) <= 1e-12 * max(1.0, mean * mean):
        return None
    return c / np.sqrt(ss)


def johnson(df, outcome, min_answers):
    df = df[df[outcome].notna()]
    answered = df[list(PREDICTORS.values())].notna().sum()
    kept = [tp for tp in PREDICTORS.values() if answered[tp] >= min_answers]
    dropped = [tp for tp in PREDICTORS.values() if answered[tp] < min_answers]
    x = df[kept].astype(float)
    xi = x.fillna(x.mean())
    y = standardise(df[outcome].to_numpy(dtype=float))
    cols = {tp: standardise(xi[tp].to_numpy()) for tp in kept}
    live = [tp for tp in kept if cols[tp] is not None]
    z = np.column_stack([cols[tp] for tp in live])
    corr = z.T @ z
    np.fill_diagonal(corr, 1.0)
    r = z.T @ y
    lam, q = np.linalg.eigh(corr)
    lam = np.clip(lam, 0.0, None)
    half = q @ np.diag(np.sqrt(lam)) @ q.T
    inv = np.where(lam > 1e-12 * lam.max(), 1.0 / np.sqrt(np.where(lam > 0, lam, 1.0)), 0.0)
    beta = q @ np.diag(inv) @ q.T @ r
    w = (half**2) @ (beta**2)
    weights = {tp: 0.0 for tp in kept}
    weights.update(dict(zip(live, w.tolist())))

    design = np.column_stack([np.ones(len(xi)), xi[kept].to_numpy()])
    yy = df[outcome].to_numpy(dtype=float)
    coef, *_ = np.linalg.lstsq(design, yy, rcond=None)
    resid = yy - design @ coef
    ols = 1.0 - float(resid @ resid) / float(((yy - yy.mean()) ** 2).sum())

    return {
        "rows": int(len(df)),
        "r_squared": float(sum(weights.values())),
        "ols_r_squared": ols,
        "dropped": dropped,
        "drivers": {
            tp: {
                "weight": weights[tp],
                "performance": float(x[tp].mean()),
                "answered": int(answered[tp]),
            }
            for tp in kept
        },
    }


def main():
    data, min_answers = sys.argv[1], int(sys.argv[2])
    years = {y: read(f"{data}/sfo-survey/sfo-{y}.csv") for y in ("2017", "2018")}
    years["pooled"] = pd.concat([years["2017"], years["2018"]], ignore_index=True)
    out = {
        name: {o: johnson(df, o, min_answers) for o in ("Q7ALL", "NETPRO")}
        for name, df in years.items()
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
