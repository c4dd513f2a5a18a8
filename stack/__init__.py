"""Runs Vejviser's four services locally: Redis, Rasa, the action server and the FastAPI service.

`make run` uses it through `python -m stack run`; the end-to-end tests start the same stack.
"""
