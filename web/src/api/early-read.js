// 先读 a post's read, started by post.html (shared/entry-pages.ts) as soon as this tiny classic script
// arrives, while the portal's modules are still downloading: the page (api/early.ts) takes the answer
// instead of asking once the modules have run. Plain JS, not bundled: it must not wait for anything.
;(function () {
  var m = /^\/posts\/([^/]+)$/.exec(location.pathname)
  if (!m) return
  var id
  try {
    id = decodeURIComponent(m[1])
  } catch (e) {
    return // a malformed address: the page reads (and reports) it itself
  }
  // The session as the API client sends it (stores/auth.ts keeps the token under this key).
  var headers = {}
  try {
    var token = localStorage.getItem('wengang.token')
    if (token) headers.Authorization = 'Bearer ' + token
  } catch (e) {
    // Storage refused: read as a visitor, as the client would.
  }
  var read = fetch('/api/posts/' + m[1], { headers: headers })
  // Not taken (the portal failed to start): nothing may reject unheard.
  read.catch(function () {})
  window.__wengangEarlyPost = { id: id, read: read }
})()
