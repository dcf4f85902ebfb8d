"""Forward compatibility and Python naming (tests/client-python/evolution.yaml): an old
client meets a newer server. A response enum value the client does not know and a
discriminated variant it does not know decode, and go back to the server unchanged;
unknown members are ignored, or kept where the schema allows more; a request-only
enum stays closed; names that are not Python identifiers travel under their wire names."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from typing import Any, Dict

import httpx
import pydantic
import pytest
from evolution_client import AsyncClient, Client, models
from support import AsyncRecorder, Recorder

PET_ID = uuid.UUID("3f0c6a52-6c1e-4c56-9f0e-1e1c2b3a4d5e")


def echo(answer: Dict[str, Any]) -> Recorder:
    """Answers GET with ``answer`` and PUT with the body it was sent."""
    return Recorder(lambda request: httpx.Response(200, json=json.loads(request.content) if request.method == "PUT" else answer))


def test_an_unknown_enum_value_decodes_and_is_sent_back_unchanged() -> None:
    newer = {"pet_type": "dog", "name": "Rex", "status": "in_foster_care", "good_boy": True, "microchip": "9851"}
    recorder = echo(newer)
    with Client(transport=recorder) as api:
        pet = api.pets.get_pet(pet_id=PET_ID)
        assert isinstance(pet, models.Dog)
        assert pet.status == "in_foster_care"
        stored = api.pets.replace_pet(pet_id=PET_ID, body=pet)
    sent = json.loads(recorder.requests[1].content)
    assert sent == {"pet_type": "dog", "name": "Rex", "status": "in_foster_care", "good_boy": True}, "the raw value goes back; the unknown member was ignored"
    assert isinstance(stored, models.Dog) and stored.status == "in_foster_care"


def test_an_unknown_discriminator_value_keeps_the_raw_object() -> None:
    parrot = {"pet_type": "parrot", "name": "Polly", "status": "available", "words": ["hello", "bye"], "cage": {"size": "L"}}
    recorder = echo(parrot)
    with Client(transport=recorder) as api:
        pet = api.pets.get_pet(pet_id=PET_ID)
        assert isinstance(pet, models.UnknownVariant)
        assert pet.model_extra == parrot
        api.pets.replace_pet(pet_id=PET_ID, body=pet)
    assert json.loads(recorder.requests[1].content) == parrot


@pytest.mark.anyio
async def test_known_variants_decode_to_their_models_async() -> None:
    cat = {"pet_type": "cat", "name": "Tom", "status": "adopted", "born": "2020-02-29", "indoor": True}
    async with AsyncClient(transport=AsyncRecorder(lambda request: httpx.Response(200, json=cat))) as api:
        pet = await api.pets.get_pet(pet_id=PET_ID)
    assert isinstance(pet, models.Cat)
    assert pet.born == datetime.date(2020, 2, 29) and pet.indoor is True


def test_a_request_only_enum_stays_closed() -> None:
    with pytest.raises(pydantic.ValidationError):
        models.AdoptionRequest.model_validate({"pet_id": str(PET_ID), "status": "in_foster_care"})
    request = models.AdoptionRequest(pet_id=PET_ID, status="available", fee=Decimal("12.50"))
    answer = {"id": str(uuid.uuid4()), "pet_id": str(PET_ID), "at": "2026-03-01T10:00:00Z", "fee": "12.50", "note": None, "new_member": 1}
    recorder = Recorder(lambda r: httpx.Response(201, json=answer))
    with Client(transport=recorder) as api:
        adoption = api.adoptions.create_adoption(body=request)
    assert json.loads(recorder.requests[0].content) == {"pet_id": str(PET_ID), "status": "available", "fee": "12.50"}
    assert adoption.at == datetime.datetime(2026, 3, 1, 10, 0, tzinfo=datetime.timezone.utc)
    assert adoption.fee == Decimal("12.50") and adoption.note is None


def test_names_that_are_not_identifiers_travel_under_their_wire_names() -> None:
    wire = {"name": "North", "user-id": "u1", "class": "A", "json": 3, "model_config": "x", "2fa": True, "str": "s",
            "capacity_by_kind": {"cat": 4}, "root": {"name": "hall", "children": [{"name": "room", "children": []}]}, "opened": "1999"}
    with Client(transport=Recorder(lambda r: httpx.Response(200, json=wire))) as api:
        shelter = api.shelters.get_shelter(shelter_id=7)
    assert (shelter.user_id, shelter.class_, shelter.json_, shelter.model_config_, shelter.n2fa, shelter.str_) == ("u1", "A", 3, "x", True, "s")
    assert shelter.capacity_by_kind == {"cat": 4}
    assert shelter.root is not None and shelter.root.children is not None and shelter.root.children[0].name == "room"
    assert shelter.model_extra == {"opened": "1999"}, "additionalProperties: the unknown member is kept"
    assert shelter.model_dump(mode="json", exclude_unset=True) == wire
    built = models.Shelter(name="South", user_id="u2", class_="B")
    assert built.model_dump(mode="json", exclude_unset=True) == {"name": "South", "user-id": "u2", "class": "B"}
