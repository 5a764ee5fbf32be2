#!/usr/bin/env python3
"""Real-browser tests of intake's web app (headless Debian chromium + chromedriver, Selenium).

Started by run.sh against `intake serve` on a register filled by the BrowserFixture test.
INTAKE_URL is the server, INTAKE_TEST_PASSWORD the accounts' initial password; with
SCREENSHOTS=DIR the main screens are saved there as PNG (1366x768).
"""
import json
import os
import sys
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["INTAKE_URL"]
INITIAL = os.environ["INTAKE_TEST_PASSWORD"]
NEW_PASSWORD = {"vanthu": "Văn thư#2025", "lanhdao": "Lãnh đạo#2025"}
SHOTS = os.environ.get("SCREENSHOTS")
DOC = "fixture-cong-van-bnv"


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,768", "--lang=vi", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class WebAppTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = make_driver()
        cls.driver.set_page_load_timeout(30)
        cls.wait = WebDriverWait(cls.driver, 15)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    # helpers
    def go(self, path):
        self.driver.get(URL + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shot(self, name):
        if SHOTS:
            os.makedirs(SHOTS, exist_ok=True)
            self.driver.save_screenshot(os.path.join(SHOTS, name + ".png"))

    def login(self, user):
        self.driver.delete_all_cookies()
        self.go("/queue")
        self.wait.until(EC.url_contains("/login"))
        for password in (NEW_PASSWORD[user], INITIAL):
            self.driver.find_element(By.ID, "username").clear()
            self.driver.find_element(By.ID, "username").send_keys(user)
            self.driver.find_element(By.ID, "password").send_keys(password, Keys.ENTER)
            self.wait.until(lambda d: "/login" not in d.current_url or "không đúng" in d.page_source)
            if "/login" not in self.driver.current_url:
                break
        if "/password" in self.driver.current_url:
            # First login: the password must be changed before anything else.
            self.assertIn("lần đăng nhập đầu tiên", self.text())
            self.go("/search")
            self.wait.until(EC.url_contains("/password"))
            self.driver.find_element(By.ID, "old").send_keys(INITIAL)
            self.driver.find_element(By.ID, "new").send_keys(NEW_PASSWORD[user])
            self.driver.find_element(By.ID, "repeat").send_keys(NEW_PASSWORD[user], Keys.ENTER)
            self.wait.until(EC.url_contains("/queue"))
            self.assertIn("Đã đổi mật khẩu", self.text())

    def fetch(self, method, path, body=None, csrf=True):
        """A fetch from the page, as a script on it would do; returns (status, json)."""
        script = """
        const [method, path, body, csrf, done] = arguments;
        (async () => {
          const headers = {"Content-Type": "application/json"};
          if (csrf) {
            const s = await fetch("/api/session", {credentials: "same-origin"});
            headers["X-CSRF-Token"] = (await s.json()).csrf_token;
          }
          const r = await fetch(path, {method, headers, credentials: "same-origin", body: body === null ? undefined : JSON.stringify(body)});
          done([r.status, await r.text()]);
        })().catch(e => done([0, String(e)]));
        """
        status, text = self.driver.execute_async_script(script, method, path, body, csrf)
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {"raw": text}

    # tests, run in name order
    def test_1_clerk_reviews_corrects_and_confirms(self):
        self.login("vanthu")
        self.assertIn("Cần kiểm tra", self.text())
        rows = self.driver.find_elements(By.CSS_SELECTOR, "tr.row")
        self.assertIn("Hỏa tốc", rows[0].text, "urgent documents come first")
        self.assertIn("Trùng với", self.text(), "duplicate warning in the row")
        self.shot("screenshot-queue")

        row = next(r for r in rows if "1827/BNV-CCHC" in r.text)
        row.find_element(By.TAG_NAME, "a").click()
        self.wait.until(EC.url_contains("/documents/" + DOC))
        field = self.driver.find_element(By.ID, "f-code_number")
        self.assertEqual(field.get_attribute("value"), "1827")
        wrapper = field.find_element(By.XPATH, "./..")
        self.assertIn("doubtful", wrapper.get_attribute("class"))
        self.assertIn("41%", wrapper.text)
        # Wait for the page image, then focus the field: its box shows on the page.
        self.wait.until(lambda d: d.execute_script("const i = document.querySelector('.pagebox img'); return i.complete && i.naturalWidth > 0"))
        field.click()
        box = self.driver.find_element(By.CSS_SELECTOR, ".fieldbox")
        self.wait.until(lambda d: box.is_displayed())
        self.shot("screenshot-document")

        field.clear()
        field.send_keys("1872")
        self.driver.find_element(By.ID, "confirm").click()
        self.wait.until(EC.url_contains("/queue"))
        self.assertIn("Đã xác nhận", self.text())

        self.driver.find_element(By.PARTIAL_LINK_TEXT, "Chờ phân công").click()
        self.wait.until(EC.url_contains("tab=awaiting_assignment"))
        self.assertIn("1872/BNV-CCHC", self.text())

        self.driver.find_element(By.LINK_TEXT, "Sổ đăng ký").click()
        self.wait.until(EC.url_contains("/register"))
        self.assertIn("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", self.text().upper())
        self.assertIn("1872/BNV-CCHC", self.text())
        self.shot("screenshot-register")

        self.go("/documents/" + DOC)
        history = self.driver.find_element(By.CSS_SELECTOR, "table.history").text
        self.assertIn("vanthu", history)
        self.assertIn("1827 → 1872", history)
        self.assertIn("Xác nhận", history)

    def test_2_search_without_diacritics(self):
        self.login("vanthu")
        self.go("/search")
        box = self.driver.find_element(By.NAME, "q")
        box.send_keys("quyet dinh", Keys.ENTER)
        self.wait.until(EC.url_contains("q=quyet"))
        self.assertIn("399/QĐ-UBND", self.text())
        self.assertNotIn("MẬT", self.driver.find_element(By.CSS_SELECTOR, "table.list").text)
        self.shot("screenshot-search")

    def test_3_clerk_cannot_assign(self):
        self.login("vanthu")
        self.go("/documents/fixture-quyet-dinh")
        self.assertEqual(self.driver.find_elements(By.ID, "lead"), [], "no assignment form for a clerk")
        status, body = self.fetch("POST", "/api/documents/fixture-quyet-dinh/assign", {"lead": "Phòng Tư pháp"})
        self.assertEqual(status, 403, body)
        self.assertEqual(body.get("error"), "forbidden")

    def test_4_csrf_less_post_is_refused(self):
        self.login("vanthu")
        self.go("/queue")
        status, body = self.fetch("POST", "/api/documents/fixture-cong-dien/confirm", None, csrf=False)
        self.assertEqual(status, 403, body)
        self.assertEqual(body.get("error"), "csrf_token_invalid")
        # A form posted without its hidden token is refused too.
        self.driver.execute_script("""
            const f = document.createElement('form'); f.method = 'post'; f.action = '/documents/fixture-cong-dien';
            const i = document.createElement('input'); i.name = 'action'; i.value = 'confirm'; f.appendChild(i);
            document.body.appendChild(f); f.submit();""")
        self.wait.until(lambda d: "CSRF" in d.page_source)
        status, body = self.fetch("GET", "/api/documents/fixture-cong-dien", None, csrf=False)
        self.assertEqual(body.get("status"), "needs_review")

    def test_5_leader_assigns(self):
        self.login("lanhdao")
        self.assertIn("Chờ phân công", self.text())
        self.go("/documents/" + DOC)
        self.driver.find_element(By.ID, "lead").send_keys("Phòng Tài chính – Kế hoạch")
        self.driver.find_element(By.ID, "support").send_keys("Phòng Tư pháp")
        self.driver.find_element(By.ID, "instruction").send_keys("Tham mưu trả lời trước hạn.")
        self.driver.execute_script("document.getElementById('due_date').value = '2030-06-30'")
        self.driver.find_element(By.XPATH, "//button[text()='Phân công']").click()
        self.wait.until(EC.url_contains("msg="))
        self.assertIn("Đã phân công", self.text())
        self.assertIn("Đã phân công", self.driver.find_element(By.CSS_SELECTOR, ".doc-title").text)
        history = self.driver.find_element(By.CSS_SELECTOR, "table.history").text
        self.assertIn("lanhdao", history)
        self.assertIn("Phòng Tài chính – Kế hoạch", history)
        self.go("/register")
        self.assertIn("Phòng Tài chính – Kế hoạch", self.text())


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or result.testsRun == 0 else 0)
