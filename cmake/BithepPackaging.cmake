# Install rules and the Debian package (cpack -G DEB). The package is made from the `portable`
# preset: a native build would run only on CPUs like the build machine's, so cpack refuses it
# (cmake/BithepCPackChecks.cmake). Dependencies come from dpkg-shlibdeps on the installed
# executable, plus the Qt platform plugins and a font, which are loaded at run time.
include(GNUInstallDirs)

install(TARGETS bithep-explorer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/samples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/bithep-explorer/samples)
install(FILES ${PROJECT_SOURCE_DIR}/resources/bithep-explorer.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/bithep.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME bithep-explorer.svg)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME bithep-explorer)
set(CPACK_PACKAGE_VENDOR "BitHEP Explorer")
set(CPACK_PACKAGE_CONTACT "BitHEP Explorer maintainers <maintainers@bithep.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop laboratory for low-precision neural networks in high-energy physics")
set(CPACK_PACKAGE_DESCRIPTION
    "Flip individual layers of a model between full precision and ternary (BitNet-style) weights,
retrain, and see what that does to quark/gluon tagging, EFT likelihood scans and generated
calorimeter showers, and to computational cost. Built for any x86-64 CPU: the ternary kernels
and the fp32 products choose AVX2 or AVX-512 at run time.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://bithep.invalid")
set(CPACK_GENERATOR DEB)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/BithepCPackChecks.cmake)
set(CPACK_BITHEP_NATIVE ${BITHEP_NATIVE})
include(CPack)
