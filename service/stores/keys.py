"""The Redis key scheme: every key Vejviser reads or writes is built here, and nowhere else.

Every key starts with the prefix (`Settings.tracker_key_prefix`, "vejviser"), which must equal `key_prefix` in
bot/endpoints.yml, since Rasa writes two of the keys and the service deletes them:

    <prefix>:tracker:<sender>               Rasa's conversation (tracker store)
    <prefix>:lock:<sender>                  Rasa's lock on the conversation (lock store)
    <prefix>:notice:<sender>                the service's mark that the privacy notice was given (expires with it)
    <prefix>:booking:<code>                 hash: one booking (code, municipality, start, end, created, topic)
    <prefix>:slot:<municipality>:<start>    set: the codes booked in one slot, by its start in ISO 8601
    <prefix>:booked:<municipality>          sorted set: the municipality's booking codes, scored by start (unix)
    <prefix>:usage:<municipality>:<day>     hash: one day's usage counters (day as YYYY-MM-DD)
    <prefix>:rate:<limiter>:<client>        counter: one client's hits in a limiter's current window
    <prefix>:client:<conversation>          the keyed hash of the address a chat conversation (itself a keyed
                                            hash) last wrote from, expiring with the conversation, so that the
                                            bookings and code look-ups the action server makes for it are limited
                                            per address too
    <prefix>:open:<client>                  sorted set: one client's open bookings, each a keyed hash of its code
                                            scored by the slot's start (pruned once it has begun)
    <prefix>:refused:<municipality>:<day>   counter: booking requests refused as a burst that day, no identity

`<sender>` is a chat session id, or `staff:<municipality>:<session id>` for staff. No key holds who someone is: a
client is a keyed hash (service/api/limits.py), a booking its random code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    prefix: str

    def tracker(self, sender: str) -> str:
        return f"{self.prefix}:tracker:{sender}"

    def lock(self, sender: str) -> str:
        return f"{self.prefix}:lock:{sender}"

    def notice(self, sender: str) -> str:
        return f"{self.prefix}:notice:{sender}"

    def booking(self, code: str) -> str:
        return f"{self.prefix}:booking:{code}"

    @property
    def slot_prefix(self) -> str:
        """The start of every slot key: the cancel script appends `<municipality>:<start>` inside Redis, from the
        booking it deletes (service/stores/bookings.py)."""
        return f"{self.prefix}:slot:"

    def slot(self, municipality: str, start: str) -> str:
        return f"{self.slot_prefix}{municipality}:{start}"

    @property
    def booked_prefix(self) -> str:
        """The start of every `booked` index key (the cancel script appends `<municipality>` inside Redis)."""
        return f"{self.prefix}:booked:"

    def booked(self, municipality: str) -> str:
        """Every booking of a municipality by start time, whatever the opening hours were or are now."""
        return f"{self.booked_prefix}{municipality}"

    def usage(self, municipality: str, day: datetime.date) -> str:
        return f"{self.prefix}:usage:{municipality}:{day.isoformat()}"

    def rate(self, limiter: str, client: str) -> str:
        return f"{self.prefix}:rate:{limiter}:{client}"

    def client(self, conversation: str) -> str:
        return f"{self.prefix}:client:{conversation}"

    def open_bookings(self, client: str) -> str:
        return f"{self.prefix}:open:{client}"

    def refused(self, municipality: str, day: datetime.date) -> str:
        return f"{self.prefix}:refused:{municipality}:{day.isoformat()}"
