"""A second, independent ActivityPub implementation for the interoperability test.

It is built on bovine (PyPI, MIT): bovine signs this peer's requests (draft-cavage, with
Digest) and checks the signatures of what the portal delivers, fetching the portal's
actor keys itself. The peer is one actor (`/actor`) with an inbox and a shared inbox on
127.0.0.1; the Rust test drives it through `/control/...`:

- POST /control/follow  {"target": actor id}  -> sends a signed Follow, answers the status
- POST /control/undo    {"target": actor id}  -> sends a signed Undo(Follow)
- GET  /control/received                      -> what arrived: activity and verified signer

Usage: python3 fediverse_peer.py  (prints the port it listens on as the first line)
"""

import asyncio
import json
import logging
import os
import uuid

import aiohttp
from aiohttp import web
from bovine.clients.signed_http import legacy_digest_method_uppercase
from bovine.clients.signed_http_methods import signed_post
from bovine.crypto import build_validate_http_signature_raw, generate_rsa_public_private_key
from bovine.crypto.types import CryptographicIdentifier, CryptographicSecret

AS = "https://www.w3.org/ns/activitystreams"

public_pem, private_pem = generate_rsa_public_private_key()
state = {"base": "", "received": [], "follows": {}}


async def key_retriever(key_id):
    async with aiohttp.ClientSession() as session:
        async with session.get(
            key_id.split("#")[0], headers={"accept": "application/activity+json"}
        ) as response:
            data = await response.json(content_type=None)
    return CryptographicIdentifier.from_public_key(data.get("publicKey", data))


validate = build_validate_http_signature_raw(key_retriever)


def actor_document():
    base = state["base"]
    return {
        "@context": [AS, "https://w3id.org/security/v1"],
        "id": f"{base}/actor",
        "type": "Person",
        "preferredUsername": "peer",
        "inbox": f"{base}/actor/inbox",
        "outbox": f"{base}/actor/outbox",
        "endpoints": {"sharedInbox": f"{base}/inbox"},
        "publicKey": {
            "id": f"{base}/actor#main-key",
            "owner": f"{base}/actor",
            "publicKeyPem": public_pem,
        },
    }


async def actor(_request):
    return web.json_response(actor_document(), content_type="application/activity+json")


async def inbox(request):
    body = await request.read()

    async def get_body():
        return body

    signer = await validate(request.method, str(request.url), request.headers, get_body)
    try:
        activity = json.loads(body)
    except ValueError:
        return web.Response(status=400)
    state["received"].append({"activity": activity, "signer": signer})
    return web.Response(status=202 if signer else 401)


async def send(target, activity):
    secret = CryptographicSecret.from_pem(f"{state['base']}/actor#main-key", private_pem)
    async with aiohttp.ClientSession() as session:
        async with session.get(target, headers={"accept": "application/activity+json"}) as r:
            remote = await r.json(content_type=None)
        response = await signed_post(
            session,
            secret,
            remote["inbox"],
            json.dumps(activity),
            digest_method=legacy_digest_method_uppercase,
        )
        return response.status, await response.text()


async def follow(request):
    target = (await request.json())["target"]
    follow_id = f"{state['base']}/follows/{uuid.uuid4()}"
    activity = {
        "@context": AS,
        "id": follow_id,
        "type": "Follow",
        "actor": f"{state['base']}/actor",
        "object": target,
    }
    state["follows"][target] = activity
    status, text = await send(target, activity)
    return web.json_response({"status": status, "text": text})


async def undo(request):
    target = (await request.json())["target"]
    activity = {
        "@context": AS,
        "id": f"{state['base']}/undo/{uuid.uuid4()}",
        "type": "Undo",
        "actor": f"{state['base']}/actor",
        "object": state["follows"][target],
    }
    status, text = await send(target, activity)
    return web.json_response({"status": status, "text": text})


async def received(_request):
    return web.json_response(state["received"])


async def main():
    app = web.Application()
    app.router.add_get("/actor", actor)
    app.router.add_post("/actor/inbox", inbox)
    app.router.add_post("/inbox", inbox)
    app.router.add_post("/control/follow", follow)
    app.router.add_post("/control/undo", undo)
    app.router.add_get("/control/received", received)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    state["base"] = f"http://127.0.0.1:{port}"
    print(port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    # Why a signature was refused, for whoever debugs the test (FEDI_PEER_LOG=file).
    if os.environ.get("FEDI_PEER_LOG"):
        logging.basicConfig(filename=os.environ["FEDI_PEER_LOG"], level=logging.INFO)
    asyncio.run(main())
