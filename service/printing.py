"""The printable guided script as PDF: the same content as the printable page, the standard on every page."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from contract.models import ReadAloudPublic
from service.schemas.script import PrintedScriptPublic, PrintedVariantPublic

# The PDF core fonts need no font file; Windows-1252 holds every character of the standards (tests check it).
FONT = "helvetica"
ENCODING = "windows-1252"
GREY = (80, 80, 80)
BLACK = (0, 0, 0)


def followup_label(ask: str, topic_label: str | None) -> str:
    """A question to ask next, and the topic it leads to (a booking question says where it leads itself)."""
    return f"{ask} ({topic_label.capitalize()})" if topic_label else ask


def callers_label(variant: PrintedVariantPublic) -> str:
    who = ", ".join(caller.label for caller in variant.callers)
    return f"{who} ({variant.age.label})" if variant.age else who


class ScriptDocument(FPDF):
    def __init__(self, running_head: str, running_foot: str) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = ENCODING
        self._head = running_head
        self._foot = running_foot
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(auto=True, margin=18)

    def header(self) -> None:
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.multi_cell(0, 4, self._head, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)
        self.set_text_color(*BLACK)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 4, f"{self._foot} · side {self.page_no()} af {{nb}}", align="C")

    def text_block(self, text: str, size: float = 10.5, style: str = "", gap: float = 1.5) -> None:
        self.set_font(FONT, style=style, size=size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def sources(self, said: ReadAloudPublic) -> None:
        for source in said.sources:
            where = f"Kilde: {source.section}" + (f" ({source.law})" if source.law else "")
            self.set_text_color(*GREY)
            self.text_block(f"{where}: “{source.quote}”" if source.quote else where, size=8.5, style="I", gap=1)
            self.set_text_color(*BLACK)


def script_pdf(printed: PrintedScriptPublic) -> bytes:
    standard = printed.standard
    document = ScriptDocument(
        running_head=f"{standard.title} · {printed.dated}",
        running_foot=f"Vejviser · Guidet forløb · {printed.municipality_name} Kommune",
    )
    document.set_title(f"Guidet forløb · {printed.municipality_name} Kommune")
    document.add_page()
    document.text_block(f"Guidet forløb · {printed.municipality_name} Kommune", size=18, style="B", gap=3)
    document.text_block("Læs svaret op for den, der ringer. Kilden står under hvert svar.", gap=3)
    document.text_block("Akut", size=13, style="B")
    for fact in printed.emergency:
        document.text_block(fact.spoken, style="B")
    labels = {topic.topic.id: topic.topic.label for topic in printed.topics}
    for printed_topic in printed.topics:
        document.ln(3)
        document.text_block(printed_topic.topic.label.capitalize(), size=14, style="B", gap=2)
        for variant in printed_topic.variants:
            document.text_block(f"For: {callers_label(variant)}", size=9.5, style="B", gap=1)
            for said in variant.read_aloud:
                document.text_block(said.text)
                document.sources(said)
            if variant.followups:
                document.text_block("Spørg bagefter:", size=9.5, style="B", gap=0.5)
                for followup in variant.followups:
                    label = labels[followup.topic] if followup.topic else None
                    document.text_block(f"• {followup_label(followup.ask, label)}", size=9.5, gap=0.5)
            document.ln(2)
    return bytes(document.output())
