# Builds ${DIST}/denial-explainer-offline.html: the whole page in one file that works from
# file:// with no server (Chromium blocks ES modules and module workers there).
# Included by cmake/finish_dist.cmake with DIST, INLINE_JS, SOURCE_DIR and VERSION set. Reads the
# files as assembled in DIST (flat, styles.css with the shared report styles already in it).
#
# How: a tiny bundler turns each ES module into an IIFE registered in `__dx[name]` (imports
# become `const {a, b} = __dx['name'];`, `export` keywords are dropped) and concatenates them:
#   - engine: denial-core-inline.js (classic script, wasm inlined) + denial-api.js + worker.js,
#     stored as <script type="text/plain" id="dx-engine-src"> and started by app.js as a
#     blob: Web Worker, so big files never freeze the page and Cancel still terminates it;
#   - page: render.js, render-trends.js, bridge.js, app-*.js, app.js in one inline <script>;
#   - the sample (sample.835) as <script type="text/plain" id="dx-sample">;
#   - styles.css inline, favicon as a data: URL.
# CSP of this file: no 'unsafe-inline' anywhere. The one inline script and the one <style>
# are allowed by their SHA-256 hashes (computed here); 'wasm-unsafe-eval' compiles the wasm;
# worker-src blob: starts the engine worker; connect-src 'none' (no request at all);
# img-src data: (favicon, chart-free). The text/plain blocks are data, never executed by the
# browser, so CSP does not apply to them.

function(_dx_hex_to_base64 hex out_var)
  set(_abc "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  string(LENGTH "${hex}" _n)
  set(_out "")
  set(_i 0)
  while(_i LESS _n)
    math(EXPR _rem "${_n} - ${_i}")
    if(_rem GREATER_EQUAL 6)
      string(SUBSTRING "${hex}" ${_i} 6 _chunk)
      set(_chars 4)
      set(_pad "")
      math(EXPR _v "0x${_chunk}")
      math(EXPR _i "${_i} + 6")
    elseif(_rem EQUAL 4)
      string(SUBSTRING "${hex}" ${_i} 4 _chunk)
      set(_chars 3)
      set(_pad "=")
      math(EXPR _v "0x${_chunk} << 8")
      math(EXPR _i "${_i} + 4")
    else()
      string(SUBSTRING "${hex}" ${_i} 2 _chunk)
      set(_chars 2)
      set(_pad "==")
      math(EXPR _v "0x${_chunk} << 16")
      math(EXPR _i "${_i} + 2")
    endif()
    foreach(_shift 18 12 6 0)
      if(_chars GREATER 0)
        math(EXPR _idx "(${_v} >> ${_shift}) & 63")
        string(SUBSTRING "${_abc}" ${_idx} 1 _c)
        string(APPEND _out "${_c}")
        math(EXPR _chars "${_chars} - 1")
      endif()
    endforeach()
    string(APPEND _out "${_pad}")
  endwhile()
  set(${out_var} "${_out}" PARENT_SCOPE)
endfunction()

# CSP source expression for an inline element's exact text.
function(_dx_csp_hash text out_var)
  string(SHA256 _hex "${text}")
  _dx_hex_to_base64("${_hex}" _b64)
  set(${out_var} "'sha256-${_b64}'" PARENT_SCOPE)
endfunction()

# One ES module as an IIFE registered under __dx[name].
function(_dx_module path name out_var)
  file(READ "${path}" _src)
  # The core's default import is the global createDenialCore of the inline script.
  string(REGEX REPLACE "import createDenialCore from '[^']*';" "" _src "${_src}")
  string(REGEX REPLACE "import \\{([^}]*)\\} from '\\./([A-Za-z0-9_.-]+)\\.m?js';" "const {\\1} = __dx['\\2'];" _src "${_src}")
  if(_src MATCHES "(^|\n)import ")
    message(FATAL_ERROR "build_single_file: unsupported import form in ${path}")
  endif()
  string(REPLACE "import.meta.url" "self.location.href" _src "${_src}")
  string(REGEX MATCHALL "(^|\n)export (async function|function|class|const|let) [A-Za-z_$][A-Za-z0-9_$]*" _decls "${_src}")
  set(_names "")
  foreach(_d IN LISTS _decls)
    string(REGEX REPLACE ".* ([A-Za-z_$][A-Za-z0-9_$]*)$" "\\1" _nm "${_d}")
    list(APPEND _names "${_nm}")
  endforeach()
  string(REGEX REPLACE "(^|\n)export (async function|function|class|const|let) " "\\1\\2 " _src "${_src}")
  if(_src MATCHES "(^|\n)export ")
    message(FATAL_ERROR "build_single_file: unsupported export form in ${path}")
  endif()
  list(JOIN _names ", " _exports)
  set(${out_var} "__dx['${name}'] = (() => {\n${_src}\nreturn { ${_exports} };\n})();\n" PARENT_SCOPE)
endfunction()

function(_dx_check_inline what text)
  string(TOLOWER "${text}" _lower)
  string(FIND "${_lower}" "</script" _a)
  string(FIND "${_lower}" "<!--" _b)
  if(NOT _a EQUAL -1 OR NOT _b EQUAL -1)
    message(FATAL_ERROR "build_single_file: ${what} contains </script or <!-- and cannot be inlined")
  endif()
endfunction()

# ---- engine (blob worker source) -----------------------------------------------------------
file(READ "${INLINE_JS}" _core)
_dx_module("${DIST}/denial-api.js" "denial-api" _api)
_dx_module("${DIST}/worker.js" "worker" _worker)
# Strict mode (as in the ES modules) for our code only, not for Emscripten's.
set(_engine "const __dx = {};\n${_core}\n;(() => { 'use strict';\n${_api}\n${_worker}\n})();\n")
_dx_check_inline("engine" "${_engine}")

# ---- page script --------------------------------------------------------------------------
file(GLOB _helpers "${DIST}/app-*.js")
list(SORT _helpers)
set(_app "(() => {\n'use strict';\nconst __dx = {};\n")
foreach(_m IN ITEMS "${DIST}/render.js" "${DIST}/render-trends.js" "${DIST}/bridge.js" ${_helpers} "${DIST}/app.js")
  get_filename_component(_name "${_m}" NAME_WE)
  _dx_module("${_m}" "${_name}" _code)
  string(APPEND _app "${_code}")
endforeach()
string(APPEND _app "})();\n")
_dx_check_inline("page script" "${_app}")

# ---- sample, styles, favicon -------------------------------------------------------------
file(READ "${DIST}/sample.835" _sample)
_dx_check_inline("sample.835" "${_sample}")
file(READ "${DIST}/styles.css" _css)
set(_css "\n${_css}")
file(READ "${DIST}/favicon.svg" _icon)
string(STRIP "${_icon}" _icon)
string(REPLACE "%" "%25" _icon "${_icon}")
string(REPLACE "#" "%23" _icon "${_icon}")
string(REPLACE "<" "%3C" _icon "${_icon}")
string(REPLACE ">" "%3E" _icon "${_icon}")
string(REPLACE "\"" "'" _icon "${_icon}")
string(REPLACE "\n" "" _icon "${_icon}")

_dx_csp_hash("${_app}" _app_hash)
_dx_csp_hash("${_css}" _css_hash)
# Emscripten's embind builds its JS invokers with new Function() unless the core is linked with
# -sDYNAMIC_EXECUTION=0. A blob worker inherits this page's CSP, so such a core needs
# 'unsafe-eval' here (the served page's worker, loaded from a URL, has no CSP of its own).
set(_eval "")
string(FIND "${_core}" "new Function" _dynamic)
if(NOT _dynamic EQUAL -1)
  set(_eval " 'unsafe-eval'")
  message(WARNING "build_single_file: ${INLINE_JS} uses new Function(); the offline page's CSP needs "
    "'unsafe-eval'. Link denial-core-inline with -sDYNAMIC_EXECUTION=0 to drop it.")
endif()
set(_csp "default-src 'none'; script-src ${_app_hash} 'wasm-unsafe-eval'${_eval}; style-src ${_css_hash}; img-src data:; worker-src blob:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")

# ---- assemble -------------------------------------------------------------------------------
file(READ "${DIST}/index.html" _html)
string(REGEX REPLACE "<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">"
  "<meta http-equiv=\"Content-Security-Policy\" content=\"${_csp}\">" _html "${_html}")
string(REPLACE "<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"
  "<link rel=\"icon\" href=\"data:image/svg+xml,${_icon}\" type=\"image/svg+xml\">" _html "${_html}")
string(REPLACE "<link rel=\"stylesheet\" href=\"styles.css\">\n" "" _html "${_html}")
string(REPLACE "<script type=\"module\" src=\"app.js\"></script>\n" "" _html "${_html}")
string(REPLACE "<!--DX-INLINE-STYLE-->" "<style>${_css}</style>" _html "${_html}")
string(REPLACE "<!--DX-INLINE-SCRIPT-->\n" "" _html "${_html}")
string(REPLACE "works offline after the first visit" "this single file works with no server and no network" _html "${_html}")
string(REPLACE "</body>"
  "<script type=\"text/plain\" id=\"dx-sample\">\n${_sample}</script>\n<script type=\"text/plain\" id=\"dx-engine-src\">\n${_engine}</script>\n<script>${_app}</script>\n</body>" _html "${_html}")
if(_html MATCHES "src=\"app.js\"|href=\"styles.css\"|<!--DX-")
  message(FATAL_ERROR "build_single_file: index.html changed shape; update web/page/build_single_file.cmake")
endif()
file(WRITE "${DIST}/denial-explainer-offline.html" "${_html}")
