"""The editors' page in headless Chromium (Debian's chromium + chromium-driver, through Selenium).

Paste the example article, see the names marked, accept one rewrite and reject
another, translate into Ukrainian with the copy model, check the result. On
failure a screenshot is saved (its path is in the failure message).
"""
from __future__ import annotations

import json
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver")

from selenium.webdriver.chrome.service import Service as DriverService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "article.txt"


@pytest.fixture
def browser(tmp_path):  # type: ignore[no-untyped-def]
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.fail("Chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="translit-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--window-size=1280,1100"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=DriverService(DRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _api(url: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(url + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())  # type: ignore[no-any-return]


def _mention(driver, entry: str):  # type: ignore[no-untyped-def]
    return driver.find_element(By.CSS_SELECTOR, f'#review .mention[data-entry="{entry}"]')


def _decide(driver, entry: str, action: str) -> None:  # type: ignore[no-untyped-def]
    index = _mention(driver, entry).get_attribute("data-index")
    driver.find_element(By.CSS_SELECTOR, f'.decide button[data-index="{index}"][data-action="{action}"]').click()


def test_review_and_translate_the_example_article(live_server, browser, tmp_path, request):
    article = ARTICLE.read_text(encoding="utf-8")
    shot = Path(request.config.rootpath) / ".screenshots" / "test_page_failure.png"
    try:
        browser.get(live_server.url)
        source = browser.find_element(By.ID, "source")
        source.send_keys(article)
        source.send_keys(Keys.CONTROL, Keys.ENTER)          # keyboard: check names
        wait = WebDriverWait(browser, 30)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#review .mention"))

        # every name the normalizer finds is marked; rewrites carry the house form
        expected = _api(live_server.url, "normalize", {"q": article})
        marked = browser.find_elements(By.CSS_SELECTOR, "#review .mention")
        assert [m.get_attribute("data-entry") for m in marked] == [m["entry"] for m in expected["matches"]]
        budanov = _mention(browser, "kyrylo-budanov")
        assert "rewrite" in budanov.get_attribute("class")
        assert budanov.find_element(By.CSS_SELECTOR, ".was").text == "Kyrolo Budanov"
        assert budanov.find_element(By.CSS_SELECTOR, ".now").text == "Kyrylo Budanov"

        # details on click
        budanov.click()
        details = browser.find_element(By.ID, "details-body")
        wait.until(lambda d: "Кирило Буданов" in details.text)
        assert "person" in details.text and "fuzzy" in details.text and "people.yaml" in details.text

        # accept one rewrite (by button), reject another (by keyboard)
        _decide(browser, "kyrylo-budanov", "accept")
        _mention(browser, "kyiv").send_keys("r")
        assert "accepted" in _mention(browser, "kyrylo-budanov").get_attribute("class")
        assert "rejected" in _mention(browser, "kyiv").get_attribute("class")
        assert "1 accepted, 1 rejected" in browser.find_element(By.ID, "summary").text

        # translate the reviewed text into Ukrainian
        browser.find_element(By.ID, "target").send_keys("Ukrainian")
        browser.find_element(By.ID, "translate").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#translation .mention"))
        result = browser.find_element(By.ID, "translation").text
        reviewed = article.replace("Kyrolo Budanov", "Kyrylo Budanov")
        api = _api(live_server.url, "translate", {"q": reviewed, "source": "en", "target": "uk",
                                                  "skip_entries": ["kyiv"]})
        assert result == api["translatedText"].rstrip("\n")      # .text drops the final newline
        assert result.startswith("Україна's military intelligence chief Кирило Буданов said on Tuesday")
        # the rejected rewrite stays rejected in the translation: Kiev as the model wrote it, not Київ
        assert "Speaking in Kiev, Буданов's deputy" in result and "Київ" not in result and "Kyrolo" not in result
        assert "reporters in Харків" in result                   # names not rejected still in house forms
        names = [m.get_attribute("data-entry") for m in browser.find_elements(By.CSS_SELECTOR, "#translation .mention")]
        assert "kyrylo-budanov" in names and "kharkiv" in names
        assert browser.find_element(By.ID, "copy-translation").is_enabled()
    except BaseException:
        shot.parent.mkdir(exist_ok=True)
        browser.save_screenshot(str(shot))
        print(f"screenshot of the page at failure: {shot}")
        raise


def test_page_loads_nothing_from_outside(live_server, browser):
    browser.get(live_server.url)
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(live_server.url) for u in urls), urls
    page = Path(__file__).resolve().parents[2] / "translit" / "serve" / "static"
    for path in page.iterdir():
        assert "http://" not in path.read_text() and "https://" not in path.read_text(), path
