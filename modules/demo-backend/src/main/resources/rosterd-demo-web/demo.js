// The demo page: the login choice, or Converse.js signed on through the demo backend's
// /credentials (a fresh token as the SASL PLAIN password, so nobody types an XMPP password).
const session = await (await fetch('/session')).json();

if (session.user) {
  document.getElementById('logout').hidden = false;
  document.getElementById('logout').addEventListener('submit', () => sessionStorage.clear());
  // In fullscreen, Converse.js's footer (under its own login form) shows its sponsors' logos from
  // their website; an element of that name defined first keeps it empty, so nothing is fetched
  // from other hosts.
  customElements.define('converse-footer', class extends HTMLElement {});
  // An ES module that sets window.converse (its named exports do not include a usable one).
  await import('/converse/converse.min.js');
  window.converse.initialize({
    assets_path: '/converse/',
    view_mode: 'fullscreen',
    i18n: 'en',
    loglevel: 'warn',

    // How to log in: the web application hands out credentials for the person logged in to it.
    authentication: 'login',
    auto_login: true,
    auto_reconnect: true,
    credentials_url: '/credentials',
    // One transport, the one demoBackend.transport names: given both, Converse.js would use the
    // WebSocket whenever the browser has one.
    ...(session.transport === 'bosh'
      ? { bosh_service_url: session.boshUrl }
      : { websocket_url: session.websocketUrl }),
    persistent_store: 'sessionStorage',
    // The token is a PLAIN password: SCRAM (which Converse.js prefers) would hash it, and the
    // server could not verify it. rosterd offers PLAIN only where the stream counts as encrypted.
    connection_options: { mechanisms: [window.converse.env.Strophe.SASLPlain] },

    // A closed network: nothing is fetched from other hosts.
    discover_connection_methods: false,
    autocomplete_providers_url: '',
    xmpp_providers_url: '',

    // The roster belongs to the web application: nobody adds, removes or subscribes to contacts
    // here, and messages go to contacts only.
    allow_contact_requests: false,
    allow_contact_removal: false,
    allow_non_roster_messaging: false,
    allow_registration: false,
    auto_subscribe: false,
    show_self_in_roster: false,

    // The demo's own logout button ends the login.
    allow_logout: false,
    allow_adhoc_commands: false,
  });
} else {
  const form = document.getElementById('users');
  for (const user of session.users) {
    const button = document.createElement('button');
    button.type = 'submit';
    button.name = 'user';
    button.value = user;
    button.textContent = `Log in as ${user}`;
    form.append(button);
  }
  document.getElementById('login').hidden = false;
}
