# Files the web app loads from its virtual file system (/assets): fonts, examples.
# The UI font is a subset of NanumGothic cut at build time (scripts/make-font.py):
# every character of the UI's, the catalog's and the examples' strings plus the 2,350 KS X 1001
# Hangul syllables; it is rebuilt when a source file's strings may have changed.
set(ASSET_DIR ${CMAKE_BINARY_DIR}/assets)
file(GLOB EXAMPLE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/examples/*.json)
file(GLOB LESSON_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/lessons/*.json)

# Debian's python3 has fontTools (python3-fonttools); another python3 on PATH may not.
find_program(CLOUDPLAY_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT CLOUDPLAY_PYTHON)
  find_program(CLOUDPLAY_PYTHON NAMES python3 REQUIRED)
endif()
set(UI_FONT ${ASSET_DIR}/fonts/cloudplay-ui.ttf)
set(UI_SYMBOLS_FONT ${ASSET_DIR}/fonts/cloudplay-symbols.ttf)
file(GLOB FONT_STRING_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/ui/*.cpp ${CMAKE_SOURCE_DIR}/ui/*.h)
file(GLOB_RECURSE FONT_CORE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/core/*.cpp)
add_custom_command(OUTPUT ${UI_FONT} ${UI_SYMBOLS_FONT}
  COMMAND ${CLOUDPLAY_PYTHON} ${CMAKE_SOURCE_DIR}/scripts/make-font.py --out ${UI_FONT}
          --symbols-out ${UI_SYMBOLS_FONT} --source-root ${CMAKE_SOURCE_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make-font.py ${FONT_STRING_SOURCES} ${FONT_CORE_SOURCES} ${EXAMPLE_FILES}
  COMMENT "Cutting the UI font (NanumGothic subset)"
  VERBATIM)

add_custom_target(web_assets
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ASSET_DIR}/examples
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ASSET_DIR}/lessons
  COMMAND ${CMAKE_COMMAND} -E touch ${ASSET_DIR}/.keep
  DEPENDS ${EXAMPLE_FILES} ${LESSON_FILES} ${UI_FONT})
if(EXAMPLE_FILES)
  add_custom_command(TARGET web_assets POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${EXAMPLE_FILES} ${ASSET_DIR}/examples/)
endif()
if(LESSON_FILES)  # the lessons ship with the page (ui/lesson_panel.h reads /assets/lessons)
  add_custom_command(TARGET web_assets POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${LESSON_FILES} ${ASSET_DIR}/lessons/)
endif()
# --preload-file packs cloudplay.data at link time: relink when the font changes.
if(TARGET cloudplay_web)
  set_property(TARGET cloudplay_web APPEND PROPERTY LINK_DEPENDS ${UI_FONT} ${UI_SYMBOLS_FONT})
endif()
