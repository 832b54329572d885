from app import app


def test_index_reports_libpq():
    response = app.test_client().get("/")
    assert response.status_code == 200
    body = response.get_json()
    assert body["service"] == "flask-psycopg2 example"
    assert isinstance(body["libpq_version"], int) and body["libpq_version"] > 0


def test_healthz():
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def test_db_without_database(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert app.test_client().get("/db").status_code == 503
