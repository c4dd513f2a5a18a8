"""The covered municipalities in a conversation: which a message names, their names, their buttons, and a list of
names as Danish writes it. The municipalities themselves come from the service (`ServiceClient.municipalities`)."""

from __future__ import annotations

from rasa_sdk.interfaces import Tracker

from contract.models import MunicipalityPublic


def names(municipalities: list[MunicipalityPublic]) -> dict[str, str]:
    """Each covered municipality's name by its id, in the service's order."""
    return {municipality.id: municipality.name for municipality in municipalities}


def named_municipalities(tracker: Tracker, known: list[MunicipalityPublic]) -> list[str]:
    """The covered municipalities named in the latest message, as ids, in order, once each."""
    ids = names(known)
    named = (str(value).lower() for value in tracker.get_latest_entity_values("municipality"))
    return list(dict.fromkeys(value for value in named if value in ids))


def municipality_buttons(municipalities: list[MunicipalityPublic]) -> list[dict[str, str]]:
    return [{"title": m.name, "payload": f'/inform_municipality{{"municipality": "{m.id}"}}'} for m in municipalities]


def join_danish(words: list[str]) -> str:
    """'Faxe, Odsherred og Vordingborg'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} og {words[-1]}"
