"""The DuckDB side of `stig bench insight`.

Loads the raw events (the CSV the bench wrote: one row per event, no precomputed answers) into
a DuckDB table (not timed), then times each of the four queries (median of `reps` runs after a
warm-up, DuckDB's default threads) and prints one JSON object: timings and answers.

Usage: insight_duckdb.py PARAMS.json
"""

import json
import statistics
import sys
import time

import duckdb


def main():
    params = json.load(open(sys.argv[1]))
    reps = int(params.get("reps", 5))
    con = duckdb.connect()

    start = time.perf_counter()
    con.execute(
        """
        CREATE TABLE ev AS
        SELECT * FROM read_csv(?, header = true, quote = '"', escape = '"', columns = {
            'seq': 'BIGINT', 'customer': 'VARCHAR', 'ts_us': 'BIGINT', 'type': 'VARCHAR',
            'event': 'VARCHAR', 'touchpoint': 'VARCHAR', 'journey': 'VARCHAR',
            'step': 'VARCHAR', 'run': 'BIGINT', 'score_type': 'VARCHAR', 'score': 'DOUBLE',
            'latent_persona': 'VARCHAR'})
        """,
        [params["csv"]],
    )
    con.execute("CREATE TABLE steps (step VARCHAR, pos INTEGER)")
    con.executemany(
        "INSERT INTO steps VALUES (?, ?)",
        [[s, i] for i, s in enumerate(params["steps"])],
    )
    con.execute("CREATE TABLE churn_events (name VARCHAR)")
    con.executemany("INSERT INTO churn_events VALUES (?)", [[n] for n in params["churn_events"]])
    con.execute("CREATE TABLE purchase_events (name VARCHAR)")
    con.executemany(
        "INSERT INTO purchase_events VALUES (?)", [[n] for n in params["purchase_events"]]
    )
    load_s = time.perf_counter() - start

    # (a) Funnel: a run is (customer, run) of the journey's hits; its furthest designed step
    # (display order); reached(s) = runs whose furthest step is s or later.
    funnel_sql = """
        WITH runs AS (
            SELECT e.customer, e.run, max(s.pos) AS furthest
            FROM ev e JOIN steps s ON e.step = s.step
            WHERE e.journey = $journey AND e.type = 'track'
            GROUP BY e.customer, e.run),
        per AS (SELECT furthest, count(*) AS n FROM runs GROUP BY furthest)
        SELECT s.pos,
               sum(coalesce(p.n, 0)) OVER (ORDER BY s.pos DESC
                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached
        FROM steps s LEFT JOIN per p ON p.furthest = s.pos
        ORDER BY s.pos
    """

    def funnel():
        rows = con.execute(funnel_sql, {"journey": params["journey"]}).fetchall()
        reached = [int(r[1]) for r in rows]
        return {"runs": reached[0] if reached else 0, "reached": reached}

    # (b) Variants: per customer the ordered list of their activity names (track, page, screen
    # events by time, then arrival), grouped by list; the 20 most common.
    variants_sql = """
        WITH paths AS (
            SELECT customer, list(event ORDER BY ts_us, seq) AS path
            FROM ev
            WHERE type IN ('track', 'page', 'screen') AND event IS NOT NULL
            GROUP BY customer),
        g AS (SELECT path, count(*) AS n FROM paths GROUP BY path)
        SELECT n, path, count(*) OVER () AS distinct_paths, sum(n) OVER () AS cases
        FROM g ORDER BY n DESC LIMIT 20
    """

    def variants():
        rows = con.execute(variants_sql).fetchall()
        return {
            "cases": int(rows[0][3]) if rows else 0,
            "distinct": int(rows[0][2]) if rows else 0,
            "top": [{"count": int(r[0]), "path": list(r[1])} for r in rows],
        }

    # (c) NPS per persona (the customer's latent_persona trait) × touchpoint, and per
    # touchpoint over everyone: 100 · (share ≥ 9 − share ≤ 6) of NPS answers.
    nps_sql = """
        WITH persona AS (
            SELECT customer, arg_max(latent_persona, ts_us) AS persona
            FROM ev WHERE type = 'identify' AND latent_persona IS NOT NULL
            GROUP BY customer)
        SELECT f.touchpoint, p.persona, GROUPING(p.persona) AS all_personas, count(*) AS n,
               100.0 * (avg(CASE WHEN f.score >= 9 THEN 1.0 ELSE 0.0 END)
                        - avg(CASE WHEN f.score <= 6 THEN 1.0 ELSE 0.0 END)) AS nps
        FROM ev f LEFT JOIN persona p ON p.customer = f.customer
        WHERE f.type = 'track' AND f.score_type = 'nps' AND f.score IS NOT NULL
              AND f.touchpoint IS NOT NULL
        GROUP BY GROUPING SETS ((f.touchpoint, p.persona), (f.touchpoint))
    """

    def nps():
        return [
            {"touchpoint": r[0], "persona": r[1], "all": bool(r[2]), "n": int(r[3]), "nps": r[4]}
            for r in con.execute(nps_sql).fetchall()
        ]

    # (d) Acquisition and churn per month, as stig-pipeline's customers/lifecycle.rs: every
    # event of a customer in time order; acquired at the first journey hit or purchase;
    # churned by a churn event (unless already churned) or `churn_after_days` after an event
    # (at or after acquisition, not itself a churn event) followed by silence that long
    # (up to `now`); any non-churn event after a churn reactivates.
    monthly_sql = """
        WITH e AS (
            SELECT customer, ts_us, seq,
                   (type = 'track' AND event IN (SELECT name FROM churn_events)) AS is_churn,
                   (type = 'track' AND ((journey IS NOT NULL AND step IS NOT NULL)
                       OR event IN (SELECT name FROM purchase_events))) AS acquires,
                   row_number() OVER w AS rn,
                   lead(ts_us) OVER w AS next_us,
                   lag(ts_us) OVER w AS prev_us,
                   lag(type = 'track' AND event IN (SELECT name FROM churn_events)) OVER w
                       AS prev_churn
            FROM ev
            WINDOW w AS (PARTITION BY customer ORDER BY ts_us, seq)),
        acq AS (SELECT customer, min(rn) AS acq_rn FROM e WHERE acquires GROUP BY customer),
        j AS (SELECT e.*, a.acq_rn FROM e LEFT JOIN acq a USING (customer)),
        changes AS (
            SELECT ts_us AS at_us, 'acquired' AS kind FROM j WHERE rn = acq_rn
            UNION ALL
            SELECT ts_us + $gap AS at_us, 'churned' FROM j
            WHERE rn >= acq_rn AND NOT is_churn AND coalesce(next_us, $now) - ts_us > $gap
            UNION ALL
            SELECT ts_us AS at_us, 'churned' FROM j
            WHERE is_churn AND NOT coalesce(prev_churn, false)
              AND NOT coalesce(rn - 1 >= acq_rn AND ts_us - prev_us > $gap, false))
        SELECT strftime(make_timestamp(at_us), '%Y-%m') AS month,
               count(*) FILTER (WHERE kind = 'acquired') AS acquired,
               count(*) FILTER (WHERE kind = 'churned') AS churned
        FROM changes GROUP BY month ORDER BY month
    """

    def monthly():
        rows = con.execute(
            monthly_sql,
            {"gap": int(params["churn_after_days"]) * 86_400_000_000, "now": int(params["now_us"])},
        ).fetchall()
        return [{"month": r[0], "acquired": int(r[1]), "churned": int(r[2])} for r in rows]

    out = {
        "version": duckdb.__version__,
        "threads": int(con.execute("SELECT current_setting('threads')").fetchone()[0]),
        "load_s": load_s,
        "rows": int(con.execute("SELECT count(*) FROM ev").fetchone()[0]),
        "ms": {},
    }
    for name, query in [("funnel", funnel), ("variants", variants), ("nps", nps), ("monthly", monthly)]:
        answer = query()
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            answer = query()
            times.append((time.perf_counter() - t) * 1000.0)
        out["ms"][name] = statistics.median(times)
        out[name] = answer
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
