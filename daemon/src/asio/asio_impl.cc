// The one translation unit that compiles Asio, Asio SSL and Beast (separate compilation, see
// CMakeLists.txt). Everything else in the program only declares what is defined here.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
