"""The printable guided script, for a municipality's own staff: as JSON for the page, and as PDF."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from knowledge.load import knowledge_base
from service.api.auth import OTHER_MUNICIPALITY
from service.schemas.script import adopted_label
from tests.conftest import STAFF_TOKENS, staff_auth

KB = knowledge_base()


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_staff_print_their_own_script_with_every_topic(service: TestClient, municipality: str) -> None:
    response = service.get("/api/staff/script", params={"municipality": municipality}, headers=staff_auth(municipality))
    assert response.status_code == 200
    printed = response.json()
    assert [topic["topic"]["id"] for topic in printed["topics"]] == list(KB.topics)
    assert printed["standard"]["title"] == KB.standard(municipality).meta.title
    assert [fact["id"] for fact in printed["emergency"]] == ["national-akut-112", "national-akut-livslinien"]


@pytest.mark.parametrize("path", ["/api/staff/script", "/api/staff/script.pdf"])
def test_a_token_never_prints_another_municipalitys_script(service: TestClient, path: str) -> None:
    response = service.get(path, params={"municipality": "odsherred"}, headers=staff_auth("faxe"))
    assert (response.status_code, response.json()) == (403, {"detail": OTHER_MUNICIPALITY})


@pytest.mark.parametrize(
    ("adopted", "label"),
    [("2022-04-04", "vedtaget 4. april 2022"), ("2025-01", "vedtaget januar 2025"), (None, "standarden nævner")],
)
def test_the_date_is_said_in_danish(adopted: str | None, label: str) -> None:
    assert adopted_label(adopted).startswith(label)


@pytest.mark.parametrize("municipality", sorted(STAFF_TOKENS))
def test_the_pdf_names_the_standard_and_its_date_on_every_page(service: TestClient, municipality: str) -> None:
    """Every municipality's script prints: the PDF core fonts hold Windows-1252, and every text must fit."""
    response = service.get(
        "/api/staff/script.pdf", params={"municipality": municipality}, headers=staff_auth(municipality)
    )
    assert response.headers["content-type"] == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    meta = KB.standard(municipality).meta
    assert len(pages) > 1
    for page in pages:
        flat = " ".join(page.split())
        assert " ".join(meta.title.split()) in flat
        assert adopted_label(meta.adopted) in flat
    text = " ".join(pages)
    assert "Ring 112" in text
    assert "Livslinien" in text
