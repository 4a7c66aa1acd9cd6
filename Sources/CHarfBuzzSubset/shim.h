#ifndef CHarfBuzzSubset_SHIM_H
#define CHarfBuzzSubset_SHIM_H
#include <hb.h>
#include <hb-subset.h>
#endif
