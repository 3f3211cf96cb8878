# EMO_SANITIZE=address -> ASan + UBSan; EMO_SANITIZE=thread -> TSan. Applied to every target.
if(EMO_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(EMO_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# EMO_FUZZ=ON (clang only; tests/fuzz, scripts/fuzz.sh): every target is compiled with libFuzzer's
# coverage hooks plus ASan + UBSan (-fsanitize=fuzzer-no-link,address,undefined); the fuzz targets
# add -fsanitize=fuzzer (libFuzzer's main) at link time. UB aborts, so the fuzzer reports it.
if(EMO_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "EMO_FUZZ=ON needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  if(EMO_SANITIZE)
    message(FATAL_ERROR "EMO_FUZZ=ON already enables ASan+UBSan; leave EMO_SANITIZE empty")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -gline-tables-only)
  add_link_options(-fsanitize=address,undefined)
endif()
