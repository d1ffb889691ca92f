"""Independent reference for the insight numbers of `stig report` on the real data sets.

Reads the raw files itself (stdlib XML for BPI 2012, pandas for the hotel bookings and the SFO
surveys) and prints JSON. Nothing here uses Stig's code or output.

Usage: insight_reference.py DATA_DIR NOW_RFC3339
"""

import gzip
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pandas as pd

DATA, NOW = sys.argv[1], pd.Timestamp(sys.argv[2])


def bpi():
    """Variants by activity name: the sequence of concept:name of each trace, in file order."""
    seqs = []
    current = None
    for event, el in ET.iterparse(gzip.open(f"{DATA}/event-logs/bpic2012.xes.gz"), events=("start", "end")):
        tag = el.tag.split("}")[-1]
        if event == "start" and tag == "trace":
            current = []
        elif event == "end" and tag == "event" and current is not None:
            for a in el:
                if a.get("key") == "concept:name":
                    current.append(a.get("value"))
            el.clear()
        elif event == "end" and tag == "trace":
            seqs.append(tuple(current))
            current = None
            el.clear()
    counts = Counter(seqs)
    return {
        "cases": len(seqs),
        "variants": len(counts),
        "top20": sorted(counts.values(), reverse=True)[:20],
        "activated": sum(1 for s in seqs if "A_ACTIVATED" in s),
        "submitted": sum(1 for s in seqs if "A_SUBMITTED" in s),
    }


def hotel():
    """Each booking is its own customer: a check-out wins them (first purchase), a cancellation
    or no-show loses them (an explicit churn event), and a won guest with nothing after is lost
    365 days after their check-out, if that is before now."""
    df = pd.read_csv(f"{DATA}/hotel-bookings/hotel_bookings.csv.gz")
    at = pd.to_datetime(df["reservation_status_date"], utc=True)
    month = at.dt.strftime("%Y-%m")
    out = df["reservation_status"] == "Check-Out"
    lost = df["reservation_status"].isin(["Canceled", "No-Show"])
    lapse = at[out] + pd.Timedelta(days=365)
    lapse = lapse[lapse < NOW]
    return {
        "acquired": month[out].value_counts().sort_index().to_dict(),
        "churned_by_event": month[lost].value_counts().sort_index().to_dict(),
        "churned_inactive": lapse.dt.strftime("%Y-%m").value_counts().sort_index().to_dict(),
        "cancel_share": float(df["is_canceled"].mean()),
    }


Q7 = {
    "Q7ART": "art-exhibitions", "Q7FOOD": "restaurants", "Q7STORE": "shops",
    "Q7SIGN": "signs-directions", "Q7WALKWAYS": "walkways", "Q7WALKWAY": "walkways",
    "Q7SCREENS": "information-screens", "Q7INFODOWN": "info-booth-lower",
    "Q7INFOUP": "info-booth-upper", "Q7WIFI": "wifi", "Q7ROADS": "roadway-signs",
    "Q7PARK": "parking", "Q7AIRTRAIN": "airtrain", "Q7LTPARKING": "long-term-parking-shuttle",
    "Q7RENTAL": "rental-car-center", "Q7ALL": "airport",
}


def scale(col, low, high):
    x = pd.to_numeric(col.astype(str).str.strip(), errors="coerce")
    return x.where((x >= low) & (x <= high) & (x == np.floor(x)))


def sfo():
    """CSAT per touchpoint (1-5 kept; 0, 6, blank are no answer) and NPS of NETPRO (0-10)."""
    csat = {}
    nps = []
    for year in (2016, 2017, 2018):
        df = pd.read_csv(f"{DATA}/sfo-survey/sfo-{year}.csv", encoding="latin-1", dtype=str, keep_default_na=False)
        df.columns = [c.strip() for c in df.columns]
        for col, tp in Q7.items():
            if col in df.columns:
                csat.setdefault(tp, []).extend(scale(df[col], 1, 5).dropna().tolist())
        if "NETPRO" in df.columns:
            nps.extend(scale(df["NETPRO"], 0, 10).dropna().tolist())
    out = {}
    for tp, xs in csat.items():
        xs = np.array(xs)
        out[tp] = {"n": int(len(xs)), "mean": float(xs.mean()), "top2": float((xs >= 4).mean())}
    x = np.array(nps)
    p, d = (x >= 9).mean(), (x <= 6).mean()
    half = 1.96 * np.sqrt((p + d - (p - d) ** 2) / len(x)) * 100
    return {"csat": out, "nps": {"n": int(len(x)), "value": float(100 * (p - d)), "half": float(half)}}


print(json.dumps({"bpi": bpi(), "hotel": hotel(), "sfo": sfo()}))
