#pragma once

#include <QIcon>

namespace lb {

// Small vector icons drawn at run time, so the tool looks the same with or without an icon theme.
namespace icons {

QIcon branch();     // an ordinary branch
QIcon mainBranch(); // main: a branch with a pin
QIcon snapshot();   // a camera
QIcon compare();
QIcon copy();
QIcon sync();
QIcon undo();
QIcon refresh();
QIcon open();
QIcon importFile();

} // namespace icons
} // namespace lb
