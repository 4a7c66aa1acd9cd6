#ifndef CPoppler_SHIM_H
#define CPoppler_SHIM_H
#include <glib.h>
#include <poppler.h>
#endif
