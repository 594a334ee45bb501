"""The HTTP API through a test client, on a real Service (bundled glossaries, copy fixture models).

The copy models return their input, so a translation's text shows exactly what
translit did around the model: names in house forms of the target language.
"""
from __future__ import annotations

import json
import threading
import time

from typer.testing import CliRunner

from translit.cli import app as cli_app

ARTICLE = ("Ukraine's military intelligence chief Kyrolo Budanov said on Tuesday.\n\n"
           "Speaking in Kiev, Budanov's deputy said the helicopter landed near Poltawa.")


def test_translate_json_string_gives_house_forms_in_target(client):
    r = client.post("/translate", json={"q": "Kyrolo Budanov visited Kiev.", "source": "en", "target": "uk"})
    assert r.status_code == 200
    assert r.json() == {"translatedText": "Кирило Буданов visited Київ."}


def test_translate_form_body_as_libretranslate_accepts(client):
    r = client.post("/translate", data={"q": "Kyrolo Budanov visited Kiev.", "source": "en", "target": "ru"})
    assert r.status_code == 200
    assert r.json()["translatedText"] == "Кирилл Буданов visited Киев."


def test_translate_list_keeps_order_and_paragraphs(client):
    q = ["Kiev.", ARTICLE, "Zaporozhye and Kharkov."]
    r = client.post("/translate", json={"q": q, "source": "en", "target": "uk"})
    assert r.status_code == 200
    out = r.json()["translatedText"]
    assert isinstance(out, list) and len(out) == 3
    assert out[0] == "Київ."
    assert out[1].count("\n\n") == 1 and "Кирило Буданов" in out[1] and "Київ" in out[1]
    assert out[2] == "Запоріжжя and Харків."


def test_skip_entries_leaves_those_names_as_the_model_writes_them(client):
    # an editor rejected the rewrite of Kiev: the translation keeps the model's word, other names still enforced
    body = {"q": "Kyrolo Budanov visited Kiev.", "source": "en", "target": "uk"}
    r = client.post("/translate", json={**body, "skip_entries": ["kyiv"]})
    assert r.status_code == 200
    assert r.json()["translatedText"] == "Кирило Буданов visited Kiev."
    r = client.post("/translate", data={**body, "target": "ru", "skip_entries": "kyiv, kyrylo-budanov"})
    assert r.json()["translatedText"] == "Kyrolo Budanov visited Kiev."
    r = client.post("/translate", json={**body, "q": "<p>Kiev and <b>Kharkov</b></p>", "format": "html",
                                        "skip_entries": ["kharkiv"]})
    assert r.json()["translatedText"] == "<p>Київ and <b>Kharkov</b></p>"
    assert client.post("/translate", json=body).json()["translatedText"] == "Кирило Буданов visited Київ."


def test_skip_entries_must_name_glossary_entries(client):
    body = {"q": "Kiev.", "source": "en", "target": "uk"}
    r = client.post("/translate", json={**body, "skip_entries": ["kyiv", "no-such-entry"]})
    assert r.status_code == 400 and r.json() == {"error": "Invalid request: skip_entries: no glossary entry "
                                                          "'no-such-entry'"}
    r = client.post("/translate", json={**body, "skip_entries": [3]})
    assert r.status_code == 400 and "list of glossary entry ids" in r.json()["error"]


def test_translate_auto_reports_detected_language(client):
    r = client.post("/translate", json={"q": "Кирилл Буданов заявил, что это не так.", "source": "auto",
                                        "target": "en"})
    body = r.json()
    assert r.status_code == 200
    assert body["detectedLanguage"]["language"] == "ru"
    assert 50 < body["detectedLanguage"]["confidence"] <= 100
    assert "Kyrylo Budanov" in body["translatedText"]
    r = client.post("/translate", json={"q": ["Kiev.", "Kharkov."], "source": "auto", "target": "uk"})
    assert [d["language"] for d in r.json()["detectedLanguage"]] == ["en", "en"]


def test_translate_through_english_when_no_direct_model(client):
    r = client.post("/translate", json={"q": "Кирилл Буданов", "source": "ru", "target": "uk"})
    assert r.status_code == 200
    assert r.json()["translatedText"] == "Кирило Буданов"


def test_alternatives_are_other_hypotheses(client):
    r = client.post("/translate", json={"q": "The cat is red.", "source": "en", "target": "uk", "alternatives": 2})
    body = r.json()
    assert body["translatedText"] == "The cat is red."
    assert isinstance(body["alternatives"], list) and 1 <= len(body["alternatives"]) <= 2
    assert all(a != body["translatedText"] for a in body["alternatives"])
    assert "alternatives" not in client.post("/translate", json={"q": "x", "source": "en", "target": "uk"}).json()


def test_languages_list_targets(client):
    langs = {lang["code"]: lang for lang in client.get("/languages").json()}
    assert set(langs) == {"en", "uk", "ru"}
    assert langs["en"]["name"] == "English"
    assert sorted(langs["en"]["targets"]) == ["ru", "uk"]
    assert sorted(langs["ru"]["targets"]) == ["en", "uk"]      # uk through English
    assert langs["uk"]["targets"] == ["ru"]


def test_detect_best_first_with_confidence(client):
    for text, lang in [("Кирило Буданов заявив, що гелікоптер приземлився", "uk"),
                       ("Кирилл Буданов заявил, что вертолёт приземлился", "ru"),
                       ("Kyrylo Budanov said the helicopter landed", "en")]:
        r = client.post("/detect", data={"q": text})
        found = r.json()
        assert r.status_code == 200
        assert found[0]["language"] == lang, text
        assert [d["confidence"] for d in found] == sorted((d["confidence"] for d in found), reverse=True)
        assert {d["language"] for d in found} == {"en", "uk", "ru"}


def test_normalize_answers_like_the_cli_json(client, tmp_path):
    r = client.post("/normalize", json={"q": ARTICLE})
    assert r.status_code == 200
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    cli = CliRunner().invoke(cli_app, ["normalize", "--format", "json", str(src)])
    expected = json.loads(cli.stdout)
    expected.pop("path")
    assert r.json() == expected
    assert r.json()["text"].startswith("Ukraine's military intelligence chief Kyrylo Budanov")
    both = client.post("/normalize", json={"q": ["Kiev", "Кирилла Буданова видели в Харькове"]}).json()
    assert [b["text"] for b in both] == ["Kyiv", "Кирилла Буданова видели в Харькове"]
    assert [b["lang"] for b in both] == ["en", "ru"] and both[1]["changed"] is False
    uk = client.post("/normalize", json={"q": "Кирилом Будановим", "lang": "uk"}).json()
    assert uk["lang"] == "uk" and uk["matches"][0]["entry"] == "kyrylo-budanov"


def test_romanize_and_cyrillize(client):
    r = client.post("/romanize", json={"q": "Володимир Зеленський", "lang": "uk"})
    assert r.json() == {"lang": "uk", "scheme": "kmu2010", "input": "Володимир Зеленський",
                        "output": "Volodymyr Zelenskyi"}
    r = client.post("/romanize", data={"q": "Алексей Навальный", "lang": "ru", "scheme": "press"})
    assert r.json()["output"] == "Alexei Navalny"
    r = client.post("/cyrillize", json={"q": "Kirill Budanov", "lang": "ru"})
    assert r.json()["best"] == "Кирилл Буданов"
    r = client.post("/romanize", json={"q": "Київ", "lang": "uk", "scheme": "nope"})
    assert r.status_code == 400 and "kmu2010" in r.json()["error"]


def test_lookup_and_entry(client):
    r = client.get("/lookup", params={"q": "Kyrolo Budanov"})
    info = r.json()
    assert r.status_code == 200
    assert info["entry"] == "kyrylo-budanov" and info["forms"]["uk"] == "Кирило Буданов"
    assert info["match"]["method"] == "fuzzy" and info["query"] == "Kyrolo Budanov"
    r = client.get("/glossary/entries/kyiv")
    assert r.json()["forms"] == {"en": "Kyiv", "uk": "Київ", "ru": "Киев"}
    r = client.get("/glossary/entries/no-such-entry")
    assert r.status_code == 404 and "no-such-entry" in r.json()["error"]
    r = client.get("/lookup", params={"q": "Qwxzzy"})
    assert r.status_code == 404 and r.json()["candidates"] == []


def test_health_settings_and_openapi(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["entries"] > 400 and "translate-en_uk@1.0" in health["models"]
    assert client.get("/health").json() == {"status": "ok"}
    settings = client.get("/frontend/settings").json()
    assert settings["charLimit"] == 50_000 and settings["apiKeys"] is False
    assert {".txt", ".html", ".md"} <= set(settings["supportedFilesFormat"])
    assert settings["language"]["source"]["code"] == "auto"
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    app_paths = {route.path for route in client.app.routes if getattr(route, "methods", None)}
    documented = {p.replace("{entry_id}", "{entry_id}") for p in spec["paths"]}
    assert app_paths - {"/"} <= documented, app_paths - documented


def test_page_and_static_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'src="/static/app.js"' in page.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../service.py").status_code == 404


def test_translate_file_round_trip_and_delete_after_download(client):
    text = "Kyrolo Budanov visited Kiev.\n\nKharkov next.\n"
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("report.txt", text.encode("utf-8"), "text/plain")})
    assert r.status_code == 200, r.text
    url = r.json()["translatedFileUrl"]
    assert url.startswith("http://testserver/download_file/")
    got = client.get(url)
    assert got.status_code == 200
    assert got.text == "Кирило Буданов visited Київ.\n\nХарків next.\n"
    assert 'filename="report.uk.txt"' in got.headers["content-disposition"]
    store = client.app.state.files
    assert list(store.root.iterdir()) == []                 # deleted after the download
    assert client.get(url).status_code == 404


def test_html_keeps_markup_in_translate_normalize_and_files(client):
    html = '<p class="Kiev">Kyrolo Budanov visited <b>Kiev</b>.</p>'
    r = client.post("/translate", json={"q": html, "source": "en", "target": "uk", "format": "html"})
    assert r.status_code == 200
    assert r.json()["translatedText"] == '<p class="Kiev">Кирило Буданов visited <b>Київ</b>.</p>'
    r = client.post("/normalize", json={"q": html, "format": "html"})
    body = r.json()
    assert body["text"] == '<p class="Kiev">Kyrylo Budanov visited <b>Kyiv</b>.</p>'
    assert body["format"] == "html" and [m["entry"] for m in body["matches"]] == ["kyrylo-budanov", "kyiv"]
    page = "<html><head><title>Kiev</title></head><body><h1>Kharkov</h1><p>Zaporozhye.</p></body></html>"
    r = client.post("/translate_file", data={"source": "en", "target": "ru"},
                    files={"file": ("page.html", page.encode(), "text/html")})
    got = client.get(r.json()["translatedFileUrl"])
    assert got.text == "<html><head><title>Киев</title></head><body><h1>Харьков</h1><p>Запорожье.</p></body></html>"
    assert got.headers["content-type"].startswith("text/html")
    md = b"# Kiev\n\n*Kharkov* and [Zaporozhye](https://example.org/Kiev).\n"
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("note.md", md, "text/markdown")})
    assert client.get(r.json()["translatedFileUrl"]).text == (
        "# Київ\n\n*Харків* and [Запоріжжя](https://example.org/Kiev).\n")


def test_zip_uploads_are_checked():
    import io
    import zipfile

    import pytest

    from translit.serve.files import check_zip
    from translit.serve.service import ApiError

    def build(members):  # type: ignore[no-untyped-def]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                zf.writestr(name, data)
        return buf.getvalue()

    check_zip(build([("word/document.xml", b"<w:document/>")]), "DOCX", 10_000)
    for data, status, words in [
        (b"PK\x03\x04 not really", 400, "not a valid DOCX"),
        (build([("../../etc/passwd", b"x")]), 400, "unsafe part name"),
        (build([("/abs.xml", b"x")]), 400, "unsafe part name"),
        (build([("bomb.xml", b"0" * (4 << 20))]), 400, "zip bomb"),
        (build([(f"p{i}.xml", b"a" * 3000) for i in range(10)]), 413, "unpacks to"),
    ]:
        with pytest.raises(ApiError) as info:
            check_zip(data, "DOCX", 20_000)
        assert info.value.status == status and words in info.value.message


def test_download_names_no_path(client):
    for bad in ("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "x" * 30):
        r = client.get(f"/download_file/{bad}")
        assert r.status_code == 404 and "error" in r.json()


def test_translated_file_deleted_after_its_time(make_client):
    client = make_client(file_ttl=1.0)
    r = client.post("/translate_file", data={"source": "en", "target": "ru"},
                    files={"file": ("a.txt", b"Kiev.", "text/plain")})
    url = r.json()["translatedFileUrl"]
    store = client.app.state.files
    assert len(list(store.root.iterdir())) == 1
    time.sleep(1.2)
    assert store.sweep() == 1
    assert list(store.root.iterdir()) == [] and client.get(url).status_code == 404


# -- bad input ---------------------------------------------------------------------------------

def test_malformed_json_is_400(client):
    r = client.post("/translate", content=b'{"q": "Kiev", "source": ', headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json() == {"error": "Invalid JSON format"}
    r = client.post("/translate", content=b'["not", "an", "object"]', headers={"Content-Type": "application/json"})
    assert r.status_code == 400


def test_missing_parameters_are_400(client):
    for body, name in [({"source": "en", "target": "uk"}, "q"), ({"q": "", "source": "en", "target": "uk"}, "q"),
                       ({"q": "Kiev", "target": "uk"}, "source"), ({"q": "Kiev", "source": "en"}, "target")]:
        r = client.post("/translate", json=body)
        assert r.status_code == 400 and r.json()["error"] == f"Invalid request: missing {name} parameter"
    assert client.post("/detect", json={}).status_code == 400
    r = client.post("/translate", json={"q": 5, "source": "en", "target": "uk"})
    assert r.status_code == 400 and "string" in r.json()["error"]


def test_unknown_language_and_format_are_400(client):
    r = client.post("/translate", json={"q": "Kiev", "source": "en", "target": "xx"})
    assert r.status_code == 400 and r.json()["error"] == "xx is not supported"
    r = client.post("/translate", json={"q": "Kiev", "source": "zz", "target": "uk"})
    assert r.status_code == 400 and r.json()["error"] == "zz is not supported"
    r = client.post("/translate", json={"q": "Київ", "source": "uk", "target": "en"})
    assert r.status_code == 400 and "not available as a target language from Ukrainian (uk)" in r.json()["error"]
    r = client.post("/translate", json={"q": "Kiev", "source": "en", "target": "uk", "format": "pdf"})
    assert r.status_code == 400 and r.json()["error"] == "pdf format is not supported"
    r = client.post("/normalize", json={"q": "Kiev", "lang": "de"})
    assert r.status_code == 400


def test_a_list_of_1000_strings_is_translated_in_shared_batches(client):
    q = [f"Kiev {i}." for i in range(1000)]
    before = client.get("/healthz").json()["batches"]
    r = client.post("/translate", json={"q": q, "source": "en", "target": "uk"})
    assert r.status_code == 200
    assert r.json()["translatedText"] == [f"Київ {i}." for i in range(1000)]
    assert client.get("/healthz").json()["batches"] - before <= 2     # one model call, not a thousand


def test_concurrent_requests_share_model_calls(make_client):
    from concurrent.futures import ThreadPoolExecutor

    client = make_client(batch_wait_ms=400)
    texts = [f"Kharkov, day {i}. Kiev, night {i}." for i in range(8)]
    before = client.get("/healthz").json()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda t: client.post("/translate", json={"q": t, "source": "en", "target": "uk"}),
                                texts))
    assert [a.json()["translatedText"] for a in answers] == [f"Харків, day {i}. Київ, night {i}." for i in range(8)]
    after = client.get("/healthz").json()
    assert after["sentences"] - before["sentences"] == 16
    assert after["batches"] - before["batches"] < 8          # requests that came together shared calls


def test_a_list_over_the_batch_limit_is_400(make_client):
    client = make_client(batch_limit=100)
    r = client.post("/translate", json={"q": ["Kiev."] * 101, "source": "en", "target": "uk"})
    assert r.status_code == 400 and "(101) exceeds text limit (100)" in r.json()["error"]
    for path in ("/normalize", "/romanize", "/cyrillize", "/detect"):   # every q list has the limit
        r = client.post(path, json={"q": ["Kiev."] * 101})
        assert r.status_code == 400 and "(101) exceeds text limit (100)" in r.json()["error"], path
        assert client.post(path, json={"q": ["Kiev."] * 100}).status_code == 200, path


def test_text_and_body_over_the_limit_are_413(make_client):
    client = make_client(max_chars=100)
    r = client.post("/translate", json={"q": "Kiev. " * 20, "source": "en", "target": "uk"})
    assert r.status_code == 413 and "exceeds text limit (100)" in r.json()["error"]
    r = client.post("/translate", json={"q": ["Kiev. " * 10] * 2, "source": "en", "target": "uk"})
    assert r.status_code == 413
    big = b'{"q": "' + b"a" * (2 << 20) + b'", "source": "en", "target": "uk"}'
    r = client.post("/translate", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "too large" in r.json()["error"]

    def chunks():  # no Content-Length: counted while it streams in
        yield b'{"q": "'
        for _ in range(40):
            yield b"a" * 65536
        yield b'"}'

    r = client.post("/translate", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_binary_and_oversized_uploads(make_client):
    client = make_client(max_upload=1000)
    binary = bytes(range(256)) * 3
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("a.txt", binary, "application/octet-stream")})
    assert r.status_code == 400 and "binary file" in r.json()["error"]
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("a.txt", b"Kiev \xff\xfe", "text/plain")})
    assert r.status_code == 400 and "not valid UTF-8" in r.json()["error"]
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("a.exe", binary, "application/octet-stream")})
    assert r.status_code == 400 and "file format not supported" in r.json()["error"]
    r = client.post("/translate_file", data={"source": "en", "target": "uk"},
                    files={"file": ("a.txt", b"Kiev. " * 500, "text/plain")})
    assert r.status_code == 413
    r = client.post("/translate_file", data={"source": "en", "target": "uk"})
    assert r.status_code == 400
    assert list(client.app.state.files.root.iterdir()) == []


def test_api_keys(make_client):
    key = "k" * 8 + "0123456789abcdef"
    client = make_client(api_keys=frozenset({key, "another-key-0123456789"}))
    body = {"q": "Kiev", "source": "en", "target": "uk"}
    r = client.post("/translate", json=body)
    assert r.status_code == 403 and "API key" in r.json()["error"]
    r = client.post("/translate", json={**body, "api_key": key[:-1] + "X"})
    assert r.status_code == 403 and r.json()["error"] == "Invalid API key"
    assert client.post("/translate", json={**body, "api_key": key}).json()["translatedText"] == "Київ"
    assert client.post("/translate", data={**body, "api_key": key}).status_code == 200
    assert client.post("/translate", json=body, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert client.post("/normalize", json={"q": "Kiev"}).status_code == 403
    assert client.get("/lookup", params={"q": "Kiev"}).status_code == 403
    assert client.get("/languages").status_code == 200              # public, as in LibreTranslate
    assert client.get("/frontend/settings").json()["keyRequired"] is True


def test_cors_only_with_an_origin(make_client, client):
    headers = {"Origin": "https://cms.example.org"}
    assert "access-control-allow-origin" not in client.get("/languages", headers=headers).headers
    open_client = make_client(cors_origins=["https://cms.example.org"])
    r = open_client.get("/languages", headers=headers)
    assert r.headers["access-control-allow-origin"] == "https://cms.example.org"
    r = open_client.get("/languages", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_queue_full_is_429_and_time_limit_is_503(make_client):
    client = make_client(queue_size=1, batch_wait_ms=1500, timeout=30)
    first: dict = {}

    def send() -> None:
        first["r"] = client.post("/translate", json={"q": "Kiev", "source": "en", "target": "uk"})

    thread = threading.Thread(target=send)
    thread.start()
    for _ in range(100):
        if client.get("/healthz").json()["inflight"] == 1:
            break
        time.sleep(0.02)
    r = client.post("/translate", json={"q": "Kharkov", "source": "en", "target": "uk"})
    assert r.status_code == 429 and r.json()["error"].startswith("Slowdown:")
    assert r.headers["retry-after"] == "1"
    thread.join()
    assert first["r"].status_code == 200
    slow = make_client(batch_wait_ms=3000, timeout=0.3)
    r = slow.post("/translate", json={"q": "Kiev", "source": "en", "target": "uk"})
    assert r.status_code == 503 and "time limit" in r.json()["error"]


def test_internal_error_is_500_without_traceback(make_client, monkeypatch):
    client = make_client()
    service = client.app.state.service

    def broken(text, lang="auto"):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(service, "normalize", broken)
    r = client.post("/normalize", json={"q": "Kiev"})
    assert r.status_code == 500
    assert set(r.json()) == {"error"}
    assert "Traceback" not in r.text and "secret internal detail" not in r.text


def test_unknown_route_and_method_are_json(client):
    r = client.get("/nope")
    assert r.status_code == 404 and r.json() == {"error": "Not found"}
    r = client.get("/translate")
    assert r.status_code == 405 and "error" in r.json()


def test_concurrent_requests_get_the_same_answers_as_one_at_a_time(make_client):
    from concurrent.futures import ThreadPoolExecutor

    from translit.normalize import normalize

    texts = [f"Kyrolo Budanov met Maksim Kuzminow in Kharkov on day {i}; Zelenskiy and Peskow spoke." for i in range(24)]
    client = make_client()                      # fresh caches: the threads fill them together
    with ThreadPoolExecutor(8) as pool:
        normalized = list(pool.map(lambda t: client.post("/normalize", json={"q": t}).json()["text"], texts))
        translated = list(pool.map(lambda t: client.post("/translate", json={"q": t, "source": "en",
                                                                              "target": "uk"}).json(), texts))
    service = client.app.state.service
    assert normalized == [normalize(t, "auto", service.compiled).text for t in texts]
    assert all(n.startswith("Kyrylo Budanov met Maxim Kuzminov in Kharkiv") for n in normalized)
    assert all(t["translatedText"].startswith("Кирило Буданов met Максим Кузьмінов in Харків") for t in translated)


def test_without_models_translate_says_which_to_install(tmp_path, monkeypatch):
    # a server started before any model was installed: the client is told what to install, not that
    # English is "not supported"
    from starlette.testclient import TestClient

    from translit.serve import ServeConfig, Service, create_app

    with TestClient(create_app(Service.load(ServeConfig(), load_models=False))) as bare:
        r = bare.post("/translate", json={"q": "Kiev", "source": "en", "target": "uk"})
        assert r.status_code == 400
        assert r.json()["error"] == ("no translation model is installed: translit models install en uk, "
                                     "then restart the server")
        assert bare.post("/translate", json={"q": "Kiev", "source": "en", "target": "xx"}).json()["error"] == \
            "xx is not supported"
        assert bare.get("/languages").json() == []
