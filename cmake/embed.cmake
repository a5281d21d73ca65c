# Embeds data files (official code lists, our guidance) into the binary at build time as
# string literals, so nothing is read from disk or network at run time. No host tool is
# needed, which keeps cross builds (Emscripten) simple.
#   denial_embed(OUT generated.cpp NAMESPACE ns FILES a.csv b.json ...)
# defines `extern const std::string_view ns::k<Stem>` for each file (carc.csv -> kCarcCsv).
function(denial_embed)
  cmake_parse_arguments(E "" "OUT;NAMESPACE" "FILES" ${ARGN})
  string(REPLACE ";" "|" _files "${E_FILES}")
  add_custom_command(
    OUTPUT ${E_OUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUT} -DNS=${E_NAMESPACE} "-DFILES=${_files}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${E_NAMESPACE} data"
    VERBATIM)
endfunction()
