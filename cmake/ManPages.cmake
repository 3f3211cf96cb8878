# Manual pages generated at build time from each executable's --help (and, for emoscope-cli,
# every sub-command's --help) with help2man: build/man/<name>.1 and the gzip -9n copy that is
# installed to share/man/man1 (Debian's layout). Without help2man (scripts/setup.sh installs
# it) the pages are skipped with a note.
find_program(EMO_HELP2MAN help2man)
if(NOT EMO_HELP2MAN)
  message(STATUS "help2man not found: the manual pages are not generated (apt-get install help2man)")
endif()

# emo_man_page(<target> <one-line description> <ON: add a COMMANDS section from the sub-commands' help>)
function(emo_man_page target description withCommands)
  if(NOT EMO_HELP2MAN)
    return()
  endif()
  set(page ${CMAKE_BINARY_DIR}/man/${target}.1)
  add_custom_command(
    OUTPUT ${page} ${page}.gz
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${target}> -DOUT=${page} "-DNAME=${description}"
            -DCOMMANDS=${withCommands} -DHELP2MAN=${EMO_HELP2MAN} -P ${CMAKE_SOURCE_DIR}/cmake/GenerateManPage.cmake
    DEPENDS ${target} ${CMAKE_SOURCE_DIR}/cmake/GenerateManPage.cmake
    COMMENT "Manual page ${target}.1 from ${target} --help"
    VERBATIM)
  add_custom_target(man-${target} ALL DEPENDS ${page} ${page}.gz)
  install(FILES ${page}.gz DESTINATION share/man/man1)
endfunction()
