# Write version.h with the project version and `git describe`, at build time,
# so --version names the commit the binary was built from. Run with cmake -P,
# passing SOURCE_DIR, VERSION and OUTPUT.
set(describe "")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --dirty --tags
    WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE describe
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
endif()
file(WRITE "${OUTPUT}.tmp" "#define SS_VERSION \"${VERSION}\"\n#define SS_GIT_DESCRIBE \"${describe}\"\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
