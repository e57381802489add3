package org.spikezip.io.pth;

/**
 * A reference to a Python global ({@code module.name}) as a pickle names it with GLOBAL or
 * STACK_GLOBAL. It is only ever compared with the names this package knows; nothing is looked up.
 */
record PickleGlobal(String module, String name) {

  String qualifiedName() {
    return module + "." + name;
  }
}
