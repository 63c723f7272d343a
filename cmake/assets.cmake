# Files the web app loads from its virtual file system (/assets): fonts, examples.
# The Korean font is a subset of NanumGothic cut at build time (see scripts/make-font.py).
set(ASSET_DIR ${CMAKE_BINARY_DIR}/assets)
file(GLOB EXAMPLE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/examples/*.json)
add_custom_target(web_assets
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ASSET_DIR}/examples
  COMMAND ${CMAKE_COMMAND} -E touch ${ASSET_DIR}/.keep
  DEPENDS ${EXAMPLE_FILES})
if(EXAMPLE_FILES)
  add_custom_command(TARGET web_assets POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${EXAMPLE_FILES} ${ASSET_DIR}/examples/)
endif()
