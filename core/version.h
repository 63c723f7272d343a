// cloudplay version, set by CMake from project(VERSION).
#pragma once
#ifndef CLOUDPLAY_VERSION
#define CLOUDPLAY_VERSION "0.0.0-dev"
#endif
namespace cp {
inline constexpr const char* kVersion = CLOUDPLAY_VERSION;
}
