"""`translit serve` as users run it: a subprocess on a free loopback port, driven over HTTP.

The LibreTranslate client library (libretranslatepy, from PyPI) is used exactly
as its README shows; the server must answer it like LibreTranslate does.
"""
from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request

import pytest

libretranslatepy = pytest.importorskip("libretranslatepy")


def test_libretranslate_client_library_works_unchanged(live_server):
    lt = libretranslatepy.LibreTranslateAPI(live_server.url)
    assert lt.translate("Kyrolo Budanov visited Kiev.", "en", "uk") == "Кирило Буданов visited Київ."
    assert lt.translate("Kyrolo Budanov visited Kiev.", "en", "ru") == "Кирилл Буданов visited Киев."
    found = lt.detect("Кирило Буданов заявив, що гелікоптер приземлився")
    assert found[0]["language"] == "uk" and found[0]["confidence"] > found[1]["confidence"]
    langs = {lang["code"]: lang["targets"] for lang in lt.languages()}
    assert sorted(langs["en"]) == ["ru", "uk"]


def test_client_library_sees_errors_as_http_errors(live_server):
    lt = libretranslatepy.LibreTranslateAPI(live_server.url)
    with pytest.raises(urllib.error.HTTPError) as info:
        lt.translate("Kiev", "en", "xx")
    assert info.value.code == 400
    assert json.loads(info.value.read()) == {"error": "xx is not supported"}


def test_api_keys_with_the_client_library(start_server, tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("# newsroom keys\nnewsroom-key-0123456789\n", encoding="utf-8")
    server = start_server("--api-keys", str(keys)).wait_ready()
    try:
        good = libretranslatepy.LibreTranslateAPI(server.url, api_key="newsroom-key-0123456789")
        assert good.translate("Kiev", "en", "uk") == "Київ"
        bad = libretranslatepy.LibreTranslateAPI(server.url, api_key="newsroom-key-0123456780")
        with pytest.raises(urllib.error.HTTPError) as info:
            bad.translate("Kiev", "en", "uk")
        assert info.value.code == 403
        assert json.loads(info.value.read())["error"] == "Invalid API key"
    finally:
        assert server.stop() == 0


def test_sigterm_lets_the_request_in_flight_finish(start_server):
    server = start_server("--batch-wait-ms", "1500").wait_ready()
    answer: dict = {}

    def send() -> None:
        req = urllib.request.Request(server.url + "translate", data=json.dumps(
            {"q": "Kharkov", "source": "en", "target": "uk"}).encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            answer["body"] = json.loads(resp.read())

    thread = threading.Thread(target=send)
    thread.start()
    time.sleep(0.5)                       # the request now waits in the batcher
    started = time.monotonic()
    code = server.stop()
    thread.join(10)
    assert code == 0, "".join(server.lines)
    assert time.monotonic() - started < 8
    assert answer["body"] == {"translatedText": "Харків"}
    assert "translit serve: stopped" in server.proc.stderr.read()


def test_glossary_problem_at_start_exits_2_with_file_and_line(start_server, tmp_path):
    bad = tmp_path / "team.yaml"
    bad.write_text("- id: kyiv-x\n  kind: place\n  en: Kyivѕka\n", encoding="utf-8")
    server = start_server("--glossary", str(bad))
    out, err = server.proc.communicate(timeout=120)
    assert server.proc.returncode == 2
    assert f"{bad}:3:" in err and "Traceback" not in err
    assert "translit serve: http" not in err


def test_other_address_without_keys_warns_and_busy_port_is_an_error(start_server):
    server = start_server("--host", "0.0.0.0")
    try:
        server.wait_ready()
        assert any("Warning: listening on 0.0.0.0 without --api-keys" in line for line in server.lines)
        port = server.url.rsplit(":", 1)[1].strip("/")
        second = start_server("--host", "127.0.0.1", "--port", port)
        # "--port 0" comes first in LiveServer's arguments; the later --port wins
        out, err = second.proc.communicate(timeout=120)
        assert second.proc.returncode == 2 and f"Error: cannot listen on 127.0.0.1:{port}" in err, err
    finally:
        assert server.stop() == 0


def test_missing_keys_file_is_a_usage_error(start_server, tmp_path):
    server = start_server("--api-keys", str(tmp_path / "nope.txt"))
    out, err = server.proc.communicate(timeout=60)
    assert server.proc.returncode == 2 and "nope.txt: cannot read API keys" in err


