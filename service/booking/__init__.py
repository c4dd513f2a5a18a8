"""Anonymous booking of the clarifying conversation: codes, offered slots and the Redis store."""
