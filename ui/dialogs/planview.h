#pragma once

class QAbstractItemModel;
class QTableView;

namespace lb {

// The read-only look of a dry-run plan table, shared by the Copy / Sync and Apply Approved dialogs: whole
// rows selected, no editing, compact rows, the last column stretched. Column widths stay with each dialog.
void setUpPlanView(QTableView *view, QAbstractItemModel *model);

} // namespace lb
