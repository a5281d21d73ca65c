# Warnings and sanitizers for our own targets only.
function(denial_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wno-missing-field-initializers)
  if(DENIAL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(DENIAL_FUZZ)
  # libFuzzer instrumentation for everything the targets link (clang only).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(DENIAL_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
