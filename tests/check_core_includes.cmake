# Fails when a file under core/ includes an ImGui, SDL or Emscripten header, or
# includes a core/ folder above its own: the folders are layers, each including
# only those below it, so no two folders include each other.
#   sim       the kernel
#   doc       the document: data, JSON text, migration, writing (knows no service)
#   catalog   the services' descriptions, and validation of documents against them
#   services  the models; engine (building and measuring runs); lint
#   lesson    lessons (lessons/*.json) and their checker, on the engine
file(GLOB_RECURSE files ${CORE_DIR}/*.h ${CORE_DIR}/*.hpp ${CORE_DIR}/*.cpp)
set(bad "")
set(allowed_sim "sim")
set(allowed_doc "sim;doc")
set(allowed_catalog "sim;doc;catalog")
set(allowed_services "sim;doc;catalog;services")
set(allowed_engine "sim;doc;catalog;engine")
set(allowed_lint "sim;doc;catalog;lint")
set(allowed_lesson "sim;doc;catalog;engine;lesson")
# Known ties, to be undone (not to be added to): the kernel's log texts use doc's
# text helpers (Korean particles, numbers), which belong in a folder below both.
# The report's per-queue balance (sent = deleted + held + ...) reads the SQS model; it
# should come through a model query (Model::describe-style), as the status text does.
set(tolerated "sim/alarm.cpp>core/doc/messages.h;sim/simulation.cpp>core/doc/messages.h")
set(layer_bad "")
foreach(f ${files})
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](imgui|SDL|emscripten|GL/|GLES)")
  if(lines)
    list(APPEND bad "${f}: ${lines}")
  endif()
  file(RELATIVE_PATH rel ${CORE_DIR} ${f})
  string(REGEX MATCH "^[^/]+/" folder "${rel}")
  string(REPLACE "/" "" folder "${folder}")
  if(folder STREQUAL "")
    continue()  # core/version.*: includes nothing of core
  endif()
  if(NOT DEFINED allowed_${folder})
    list(APPEND layer_bad "${rel}: core/${folder}/ is a folder this check does not know: give it its layer in tests/check_core_includes.cmake")
    continue()
  endif()
  file(STRINGS ${f} incs REGEX "^[ \t]*#[ \t]*include[ \t]*\"core/[^/\"]+/")
  foreach(inc ${incs})
    string(REGEX REPLACE ".*\"core/([^/\"]+)/.*" "\\1" to "${inc}")
    string(REGEX REPLACE ".*\"(core/[^\"]+)\".*" "\\1" header "${inc}")
    list(FIND allowed_${folder} ${to} ok)
    list(FIND tolerated "${rel}>${header}" known)
    if(ok EQUAL -1 AND known EQUAL -1)
      string(REPLACE ";" ", " may "${allowed_${folder}}")
      list(APPEND layer_bad "${rel} includes ${header} (core/${folder}/ may include only: ${may})")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "core/ must stay free of UI and browser headers:\n${bad}")
endif()
if(layer_bad)
  string(REPLACE ";" "\n" layer_bad "${layer_bad}")
  message(FATAL_ERROR "core/ folders include only the layers below them (no folder cycle):\n${layer_bad}")
endif()
list(LENGTH files n)
message(STATUS "checked ${n} files under core/: no UI or browser includes, folders in layers")
