# nlohmann_json from Debian. Under emcmake, find_package would add -isystem /usr/include and
# glibc headers break the wasm compile, so expose only the nlohmann folder (toolchain.md).
if(EMSCRIPTEN)
  find_path(NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp PATHS /usr/include
            NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH REQUIRED)
  set(_nj ${CMAKE_BINARY_DIR}/_nlohmann/include)
  file(MAKE_DIRECTORY ${_nj})
  if(NOT EXISTS ${_nj}/nlohmann)
    file(CREATE_LINK ${NLOHMANN_JSON_INCLUDE_DIR}/nlohmann ${_nj}/nlohmann SYMBOLIC)
  endif()
  add_library(nlohmann_json INTERFACE)
  add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json)
  target_include_directories(nlohmann_json SYSTEM INTERFACE ${_nj})
else()
  find_package(nlohmann_json 3.10 REQUIRED)
endif()
