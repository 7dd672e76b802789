"""A slixmpp client that is cut off in the middle of a burst and resumes (XEP-0198).

Started by StreamManagementSlixmppTest: it logs in over STARTTLS trusting only the test
certificate, enables stream management with resumption (slixmpp's xep_0198 plugin; xep_0199
answers the server's pings), aborts its own connection once it has handled --cut-after chats
(the transport is closed under the stream: no </stream:stream>, no TLS close_notify), connects
again, resumes, and goes on until it has --expect chats. It reports on stdout, one JSON object a
line, what it saw: enabled, each chat's body, cut, resumed (or failed), done. slixmpp's own log
goes to stderr.
"""

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

import slixmpp


def report(event, **fields):
    print(json.dumps(dict(event=event, **fields)), flush=True)


class ResumingClient(slixmpp.ClientXMPP):
    def __init__(self, args):
        super().__init__(args.jid, args.password)
        # The test certificate is self-signed: it is the one CA this client trusts.
        self.ca_certs = Path(args.ca)
        self.server_address = (args.host, args.port)
        self.cut_after = args.cut_after
        self.expect = args.expect
        self.bodies = 0
        self.cut = False
        self.reconnected = False
        self.finished = asyncio.get_event_loop().create_future()
        self.register_plugin('xep_0198', {'allow_resume': True})
        self.register_plugin('xep_0199', {'keepalive': False})
        self.add_event_handler('session_start', self.started)
        self.add_event_handler('sm_enabled', self.enabled)
        self.add_event_handler('session_resumed', self.resumed)
        self.add_event_handler('sm_failed', self.sm_failed)
        self.add_event_handler('failed_auth', lambda _: self.fail('authentication failed'))
        self.add_event_handler('message', self.chat)
        self.add_event_handler('disconnected', self.dropped)

    def start(self):
        self.connect(self.server_address)

    def started(self, _):
        self.send_presence()

    def enabled(self, stanza):
        report('enabled', id=stanza['id'], resume=stanza['resume'])

    def resumed(self, _):
        report('resumed', handled=self.plugin['xep_0198'].handled)

    def sm_failed(self, stanza):
        self.fail('stream management failed: ' + str(stanza))

    # A synchronous handler: slixmpp counts a stanza for h as it parses it and calls this at
    # once, so what is reported is exactly what h says was handled, in the order it came.
    def chat(self, msg):
        if msg['type'] not in ('chat', 'normal') or not msg['body']:
            return
        report('message', body=msg['body'])
        self.bodies += 1
        if self.bodies == self.cut_after and not self.cut:
            self.cut = True
            report('cut', handled=self.plugin['xep_0198'].handled)
            self.abort()
        elif self.bodies == self.expect:
            report('done')
            self.disconnect()

    async def dropped(self, _):
        if self.bodies >= self.expect:
            self.finished.done() or self.finished.set_result(0)
        elif self.cut and not self.reconnected:
            self.reconnected = True
            await asyncio.sleep(0)  # let slixmpp finish its own handling of the drop first
            self.connect(self.server_address)
        else:
            self.fail('disconnected with %d of %d chats' % (self.bodies, self.expect))

    def fail(self, why):
        report('error', reason=why)
        self.finished.done() or self.finished.set_result(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--jid', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--ca', required=True, help='PEM file of the one certificate to trust')
    parser.add_argument('--cut-after', type=int, required=True, help='chats handled before the cut')
    parser.add_argument('--expect', type=int, required=True, help='chats in all')
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format='slixmpp %(levelname)s %(name)s: %(message)s')
    client = ResumingClient(args)
    client.start()
    sys.exit(asyncio.get_event_loop().run_until_complete(client.finished))


if __name__ == '__main__':
    main()
