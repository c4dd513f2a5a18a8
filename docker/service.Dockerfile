# The FastAPI service: chat gateway, knowledge API, health, chat page.
FROM python:3.11-slim
WORKDIR /app
COPY constraints.txt ./
COPY requirements/ requirements/
RUN pip install --no-cache-dir -c constraints.txt -r requirements/app.txt \
 && pip install --no-cache-dir --no-deps -r requirements/spacy-model.txt
COPY danish/ danish/
COPY contract/ contract/
COPY knowledge/ knowledge/
COPY service/ service/
USER nobody
CMD ["sh", "-c", "exec uvicorn --factory service.main:create_app --host \"$HOST\" --port \"$PORT\" --no-access-log"]
