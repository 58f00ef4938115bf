#!/usr/bin/env python3
"""The list page's SQL on the generated registry, as the app sends it today and as proposed (docs/PERFORMANCE.md).

usage: python3 bench/sql/list_alternatives.py /tmp/kp-bench/registry.db
Times are CPU milliseconds of this process (time.process_time), mean of 20 runs after 3, so that other processes on a
shared machine do not stretch them. Python's sqlite3 is a different SQLite build from the app's, so compare the rows
with each other, not with the app's figures.
"""
import sqlite3, sys, time

db = sqlite3.connect(sys.argv[1])
YEAR = 2023
county = db.execute("select Id, Path from Organisations where Name = '濮阳县'").fetchone()

def cpu_ms(sql, params, runs=20):
    for _ in range(3): db.execute(sql, params).fetchall()
    t = time.process_time()
    for _ in range(runs): rows = db.execute(sql, params).fetchall()
    return (time.process_time() - t) / runs * 1000, len(rows)

def show(label, sql, params=()):
    ms, n = cpu_ms(sql, params)
    print(f"{ms:8.2f} ms  {n:6} rows  {label}")

YEAR_FILTER = 'NOT p.IsRetired AND EXISTS (SELECT 1 FROM ProjectYearPlans y0 WHERE y0.ProjectId = p.Id AND y0.Year = :y)'
print("## today: three aggregate statements per list request (year filter only)")
show("COUNT(*)", f"SELECT COUNT(*) FROM Projects p WHERE {YEAR_FILTER}", {"y": YEAR})
show("SUM(TotalInvestment)", f"SELECT COALESCE(SUM(p.TotalInvestment),0) FROM Projects p WHERE {YEAR_FILTER}", {"y": YEAR})
show("plans GROUP BY Kind, ProjectId IN (…)",
     f"SELECT y.Kind, COUNT(*), COALESCE(SUM(y.PlannedInvestment),0) FROM ProjectYearPlans y WHERE y.Year = :y AND y.ProjectId IN (SELECT p.Id FROM Projects p WHERE {YEAR_FILTER}) GROUP BY y.Kind", {"y": YEAR})
print("## proposed: one statement from the year's plans (a year filter means every selected project has that plan row)")
show("COUNT, SUM, SUM(plan) by Kind, one pass",
     "SELECT y.Kind, COUNT(*), SUM(p.TotalInvestment), SUM(y.PlannedInvestment) FROM ProjectYearPlans y JOIN Projects p ON p.Id = y.ProjectId "
     "WHERE y.Year = :y AND NOT p.IsRetired GROUP BY y.Kind", {"y": YEAR})

PLAN_JOIN = ("LEFT JOIN (SELECT y2.PlannedInvestment, y2.Kind, y2.ProjectId FROM (SELECT y1.PlannedInvestment, y1.Kind, y1.ProjectId, "
             "ROW_NUMBER() OVER (PARTITION BY y1.ProjectId ORDER BY y1.Id) AS rn FROM ProjectYearPlans y1 WHERE y1.Year = :y) y2 WHERE y2.rn <= 1) pl ON pl.ProjectId = s.Id")
def page_today(where, order, offset):
    return (f"SELECT s.Code, s.Name, o.Name, pl.PlannedInvestment FROM (SELECT p.* FROM Projects p WHERE {where} ORDER BY {order} LIMIT 20 OFFSET {offset}) s "
            f"JOIN Organisations o ON o.Id = s.OrgId {PLAN_JOIN} ORDER BY s.{order.split()[0].split('.')[-1]}, s.Id")
def page_proposed(where, order, offset):
    # The year's plan as a correlated lookup per page row (unique on ProjectId, Year) instead of a window over every plan of the year.
    return (f"SELECT p.Code, p.Name, o.Name, (SELECT y.PlannedInvestment FROM ProjectYearPlans y WHERE y.ProjectId = p.Id AND y.Year = :y) "
            f"FROM Projects p JOIN Organisations o ON o.Id = p.OrgId WHERE {where} ORDER BY {order} LIMIT 20 OFFSET {offset}")

print("## the page (20 rows); the leaders' split query repeats the same filtered, sorted, paged subquery")
show("today: page 1 by code", page_today(YEAR_FILTER, "p.Code", 0), {"y": YEAR})
show("proposed: page 1 by code", page_proposed(YEAR_FILTER, "p.Code", 0), {"y": YEAR})
show("today: page 50 by code", page_today(YEAR_FILTER, "p.Code", 980), {"y": YEAR})
show("proposed: page 50 by code", page_proposed(YEAR_FILTER, "p.Code", 980), {"y": YEAR})
show("today: by TotalInvestment desc", page_today(YEAR_FILTER, "p.TotalInvestment DESC", 0), {"y": YEAR})
show("proposed: by TotalInvestment desc", page_proposed(YEAR_FILTER, "p.TotalInvestment DESC", 0), {"y": YEAR})

print("## one county (濮阳县) and a stage: the subtree as a path LIKE on the joined organisation, or as its ids")
LIKE = f"{YEAR_FILTER} AND p.Stage = 7 AND p.OrgId IN (SELECT o2.Id FROM Organisations o2 WHERE o2.Path LIKE :path || '%')"
JOINED = f"{YEAR_FILTER} AND p.Stage = 7 AND EXISTS (SELECT 1 FROM Organisations o3 WHERE o3.Id = p.OrgId AND o3.Path LIKE :path || '%')"
show("today: page 1, org path LIKE per row", page_today(JOINED, "p.Code", 0), {"y": YEAR, "path": county[1]})
show("proposed: page 1, OrgId IN (subtree ids)", page_proposed(LIKE, "p.Code", 0), {"y": YEAR, "path": county[1]})
show("today: COUNT, org path LIKE per row", f"SELECT COUNT(*) FROM Projects p WHERE {JOINED}", {"y": YEAR, "path": county[1]})
show("proposed: COUNT, OrgId IN (subtree ids)", f"SELECT COUNT(*) FROM Projects p WHERE {LIKE}", {"y": YEAR, "path": county[1]})
