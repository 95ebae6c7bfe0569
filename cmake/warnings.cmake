# Warnings for our own code.  COM methods take many parameters they do not need,
# so unused parameters are not worth a warning.
add_compile_options(-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
