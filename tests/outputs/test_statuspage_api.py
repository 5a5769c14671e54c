"""The Statuspage-compatible API: shapes, key order, types and ordering as in real captures, stable ids,
and a third-party Statuspage client (statuspage-prometheus-exporter, from PyPI) reading the demo site."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.outputs.statuspage_api import statuspage_id, timestamp
from tests.conftest import ProjectFactory, update
from tests.helpers.output_helpers import REFERENCE, build, settings_of, text_of
from tests.site_fixtures import serve

NOW = "2026-11-20T12:30:00+08:00"
DOWN = "2026-11-20-withdrawals-down"
ENDPOINTS = {"summary.json": ["page", "components", "incidents", "scheduled_maintenances", "status"],
             "status.json": ["page", "status"], "components.json": ["page", "components"],
             "incidents.json": ["page", "incidents"], "incidents/unresolved.json": ["page", "incidents"],
             "scheduled-maintenances.json": ["page", "scheduled_maintenances"],
             "scheduled-maintenances/upcoming.json": ["page", "scheduled_maintenances"],
             "scheduled-maintenances/active.json": ["page", "scheduled_maintenances"]}
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)")
ID = re.compile(r"[a-z0-9]{12}")
COMPONENT_STATUSES = {"operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"}


def capture(name: str) -> dict:
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def api(output, endpoint: str) -> dict:
    return json.loads(text_of(output, f"api/v2/{endpoint}"))


@pytest.fixture
def with_maintenance(outage: ProjectFactory) -> ProjectFactory:
    """The outage fixture plus an upcoming and a finished maintenance."""
    for incident_id, start, end, stem in (("2026-11-22-db", "2026-11-22T02:00", "2026-11-22T03:00", "2026-11-19T1000"),
                                          ("2026-11-15-dns", "2026-11-15T02:00", "2026-11-15T03:00", "2026-11-12T1000")):
        outage.incident(incident_id, f"""
            title: Maintenance {incident_id}
            kind: maintenance
            components: [api, deposits]
            started_at: {start}:00+08:00
            scheduled_for: {start}:00+08:00
            scheduled_until: {end}:00+08:00
        """, updates={stem: update(f"{stem[:13]}:{stem[13:]}:00+08:00", "scheduled")})
    return outage


def test_every_endpoint_opens_with_the_page_and_has_statuspage_keys(with_maintenance: ProjectFactory) -> None:
    output = build(with_maintenance.root, NOW)
    for endpoint, keys in ENDPOINTS.items():
        data = api(output, endpoint)
        assert list(data) == keys, endpoint
        assert list(data["page"]) == list(capture("discord_2022-02_status.json")["page"])
    page = api(output, "status.json")["page"]
    assert page == {"id": statuspage_id("page", "https://status.example.com/"), "name": "Example Status",
                    "url": "https://status.example.com", "time_zone": "Asia/Shanghai",
                    "updated_at": "2026-11-20T10:00:00.000+08:00"}


def test_objects_have_the_captured_keys_in_order(with_maintenance: ProjectFactory) -> None:
    output = build(with_maintenance.root, NOW)
    components = api(output, "components.json")["components"]
    plain = capture("github_2024-09_components.json")["components"][0]
    group = next(c for c in capture("hashicorp_2021-08_components_with_groups.json")["components"] if c["group"])
    assert [list(c) for c in components if not c["group"]] == [list(plain)] * 3
    assert [list(c) for c in components if c["group"]] == [list(group)]
    incident = api(output, "incidents.json")["incidents"][0]
    captured = capture("github_2024-09_incidents.json")["incidents"][0]
    assert list(incident) == list(captured)
    assert list(incident["incident_updates"][0]) == list(captured["incident_updates"][0])
    assert list(incident["incident_updates"][0]["affected_components"][0]) == ["code", "name", "old_status",
                                                                               "new_status"]
    maintenance = api(output, "scheduled-maintenances.json")["scheduled_maintenances"][0]
    assert list(maintenance) == list(capture("payfast_2022-01_scheduled_maintenances.json")["scheduled_maintenances"][0])
    assert list(api(output, "status.json")["status"]) == ["indicator", "description"]


def test_types_ids_timestamps_and_enum_values(with_maintenance: ProjectFactory) -> None:
    output = build(with_maintenance.root, NOW)
    summary = api(output, "summary.json")
    every = (summary["components"] + api(output, "incidents.json")["incidents"]
             + api(output, "scheduled-maintenances.json")["scheduled_maintenances"])
    for item in every:
        assert ID.fullmatch(item["id"]) and item["page_id"] == summary["page"]["id"]
        assert all(TIMESTAMP.fullmatch(item[k]) for k in ("created_at", "updated_at"))
    for component in summary["components"]:
        assert component["status"] in COMPONENT_STATUSES and isinstance(component["position"], int)
        assert component["start_date"] is None and component["only_show_if_degraded"] is False
    for incident in api(output, "incidents.json")["incidents"]:
        assert incident["status"] in {"investigating", "identified", "monitoring", "resolved", "postmortem"}
        assert incident["impact"] in {"none", "minor", "major", "critical"}
        assert incident["shortlink"] == f"https://status.example.com/incidents/{_herald_id(incident)}/"
        for update_ in incident["incident_updates"]:
            assert ID.fullmatch(update_["id"]) and update_["incident_id"] == incident["id"]
            assert update_["created_at"] == update_["updated_at"] == update_["display_at"]
            assert update_["deliver_notifications"] is True and update_["custom_tweet"] is None
    for maintenance in api(output, "scheduled-maintenances.json")["scheduled_maintenances"]:
        assert maintenance["impact"] == "maintenance"
        assert maintenance["status"] in {"scheduled", "in_progress", "verifying", "completed"}
        assert maintenance["scheduled_for"].endswith(":00.000+08:00")
    assert timestamp(None, settings_of(with_maintenance.root)) is None


def _herald_id(incident: dict) -> str:
    return incident["shortlink"].rstrip("/").rsplit("/", 1)[1]


def test_groups_are_components_with_their_children_and_positions_per_level(outage: ProjectFactory) -> None:
    components = api(build(outage.root, NOW), "components.json")["components"]
    by_name = {c["name"]: c for c in components}
    funds = by_name["Funds"]
    assert funds["group"] is True and funds["group_id"] is None
    assert funds["components"] == [by_name["Withdrawals"]["id"], by_name["Deposits"]["id"]]
    assert funds["status"] == "major_outage"  # its worst child
    assert by_name["Withdrawals"]["group_id"] == funds["id"] and by_name["API"]["group_id"] is None
    assert [(c["name"], c["position"]) for c in components] == [("API", 1), ("Withdrawals", 1), ("Funds", 2),
                                                                ("Deposits", 2)]


def test_statuses_incidents_and_ordering(with_maintenance: ProjectFactory) -> None:
    output = build(with_maintenance.root, NOW)
    summary = api(output, "summary.json")
    assert summary["status"] == {"indicator": "critical", "description": "Major Service Outage"}
    assert [i["name"] for i in summary["incidents"]] == ["Withdrawals are down"]
    assert [m["name"] for m in summary["scheduled_maintenances"]] == ["Maintenance 2026-11-22-db"]
    incidents = api(output, "incidents.json")["incidents"]
    assert [i["name"] for i in incidents] == ["Withdrawals are down", "API slow"]  # newest first
    down = incidents[0]
    assert down["status"] == "identified" and down["resolved_at"] is None and down["monitoring_at"] is None
    assert down["started_at"] == "2026-11-20T08:00:00.000+08:00" and down["created_at"] == "2026-11-20T08:30:00.000+08:00"
    assert [u["status"] for u in down["incident_updates"]] == ["identified", "investigating"]  # newest first
    assert [u["body"] for u in down["incident_updates"]] == ["Cause found.", "Update text."]
    first, second = down["incident_updates"][1]["affected_components"], down["incident_updates"][0]["affected_components"]
    assert first == [{"code": statuspage_id("component", "withdrawals"), "name": "Funds - Withdrawals",
                      "old_status": "operational", "new_status": "major_outage"}]
    assert second[0]["old_status"] == second[0]["new_status"] == "major_outage"
    assert [c["name"] for c in down["components"]] == ["Withdrawals"]
    slow = incidents[1]
    assert slow["resolved_at"] == "2026-11-10T11:00:00.000+08:00"
    assert slow["incident_updates"][0]["affected_components"][0] == {
        "code": statuspage_id("component", "api"), "name": "API", "old_status": "degraded_performance",
        "new_status": "operational"}
    assert api(output, "incidents/unresolved.json")["incidents"] == summary["incidents"]
    assert [m["name"] for m in api(output, "scheduled-maintenances.json")["scheduled_maintenances"]] == [
        "Maintenance 2026-11-22-db", "Maintenance 2026-11-15-dns"]
    assert api(output, "scheduled-maintenances/upcoming.json")["scheduled_maintenances"] == summary[
        "scheduled_maintenances"]
    assert api(output, "scheduled-maintenances/active.json")["scheduled_maintenances"] == []


def test_maintenance_in_progress_sets_the_maintenance_indicator(project: ProjectFactory) -> None:
    project.incident("2026-11-20-db", """
        title: DB
        kind: maintenance
        components: [api]
        started_at: 2026-11-20T12:00:00+08:00
        scheduled_for: 2026-11-20T12:00:00+08:00
        scheduled_until: 2026-11-20T14:00:00+08:00
    """, updates={"2026-11-19T1000": update("2026-11-19T10:00:00+08:00", "scheduled")})
    output = build(project.root, NOW)
    summary = api(output, "summary.json")
    assert summary["status"] == {"indicator": "maintenance", "description": "Service Under Maintenance"}
    active = api(output, "scheduled-maintenances/active.json")["scheduled_maintenances"]
    assert [m["status"] for m in active] == ["in_progress"] and summary["scheduled_maintenances"] == active
    assert next(c for c in summary["components"] if c["name"] == "API")["status"] == "under_maintenance"
    assert summary["page"]["updated_at"] == "2026-11-20T12:00:00.000+08:00"  # the window opening changed the state


def test_ids_are_stable_across_builds_and_independent_of_order(with_maintenance: ProjectFactory) -> None:
    def all_ids(output) -> list[str]:
        data = [api(output, e) for e in ENDPOINTS]
        return sorted({i["id"] for d in data for key in ("components", "incidents", "scheduled_maintenances")
                       for i in d.get(key, [])})

    first = build(with_maintenance.root, NOW)
    assert all_ids(first) == all_ids(build(with_maintenance.root, "2026-12-20T12:00:00+08:00"))
    with_maintenance.incident("2026-11-01-old", "title: Old\ncomponents: [api]\nstarted_at: 2026-11-01T09:00:00+08:00",
                              updates={"2026-11-01T0900": update("2026-11-01T09:00:00+08:00", "resolved")})
    more = build(with_maintenance.root, NOW)
    assert set(all_ids(first)) < set(all_ids(more))
    assert statuspage_id("group", "trading") != statuspage_id("component", "trading")


def test_utc_sites_write_z_like_statuspage(project: ProjectFactory) -> None:
    config = (project.root / "herald.yml").read_text(encoding="utf-8")
    project.file("herald.yml", config.replace("Asia/Shanghai", "Etc/UTC"))
    assert api(build(project.root, NOW), "status.json")["page"]["updated_at"] == "2026-11-20T04:30:00.000Z"


# --- A third-party Statuspage client against the served demo site --------------------------------

EXPORTER = textwrap.dedent("""
    import json, sys
    from prometheus_client import generate_latest
    from statuspage_prometheus_exporter.service_checker import check_status_page_service
    from statuspage_prometheus_exporter.service_monitor import monitor_services

    check = check_status_page_service("larkspur", {"url": sys.argv[1], "name": "Larkspur"})
    monitor_services(is_initial_run=True)
    print(json.dumps({"check": check, "metrics": generate_latest().decode()}))
""")


def test_statuspage_prometheus_exporter_reads_the_demo(demo_site: Path, tmp_path: Path) -> None:
    server, base = serve(demo_site)
    try:
        url = base + "api/v2/summary.json"
        (tmp_path / "services.json").write_text(json.dumps({"larkspur": {"url": url, "name": "Larkspur"}}))
        result = subprocess.run([sys.executable, "-c", EXPORTER, url], cwd=tmp_path, capture_output=True, text=True,
                                timeout=120, env={"SERVICES_JSON_PATH": str(tmp_path / "services.json"),
                                                  "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    check, metrics = found["check"], found["metrics"]
    assert check["success"] is True and check["raw_status"] == "critical" and check["status"] == 0
    components = {c["name"]: c["status"] for c in check["component_metadata"]}
    assert components["Withdrawals"] == "degraded_performance" and components["Deposits"] == "operational"
    assert components["Wallet and funds"] == "degraded_performance"  # the group, reported like a component
    assert len(components) == 11
    theft = next(i for i in check["incident_metadata"] if i["impact"] == "critical")
    assert theft["name"] == "Withdrawals paused after funds were taken from one hot wallet"
    assert theft["status"] == "monitoring" and theft["affected_components"] == ["Withdrawals", "Deposits"]
    assert theft["shortlink"] == "https://status.larkspur.example/incidents/2026-11-20-hot-wallet-theft/"
    assert [m["name"] for m in check["maintenance_metadata"]] == ["Ethereum node upgrade"]
    assert 'statuspage_component_status{component_name="Withdrawals",service_name="Larkspur"} 0.0' in metrics
    assert 'statuspage_component_status{component_name="Spot trading",service_name="Larkspur"} 1.0' in metrics
    assert 'statuspage_service_status{service_name="Larkspur"} 0.0' in metrics
    assert re.search(r'statuspage_incident_info\{[^}]*incident_name="Withdrawals paused[^}]*\} 1\.0', metrics)
