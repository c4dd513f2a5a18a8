"""Anonymous booking of the clarifying conversation: codes and offered slots (the store: service/stores/bookings.py)."""
