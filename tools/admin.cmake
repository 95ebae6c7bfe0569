# tcc_asterisk_admin, natively and for Windows from one source.
add_executable(tcc_asterisk_admin ${CMAKE_CURRENT_LIST_DIR}/asterisk_admin.c)
target_link_libraries(tcc_asterisk_admin PRIVATE tapi3cc_ami)
