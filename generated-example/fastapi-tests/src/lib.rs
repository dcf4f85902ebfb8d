//! Round trips of the generated `fast-api-jobs-client` against the FastAPI app it was
//! generated from (`tests/fastapi/app.py`), served by uvicorn: see `tests/round_trip.rs`.
