#pragma once

#include "domain/diffquery.h"
#include "domain/result.h"
#include "domain/reviewdecision.h"
#include "widgets/noticestyle.h"

#include <functional>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;
class QVBoxLayout;

namespace lb {

class ApplyReviewDialog;
class Job;
class JobManager;
class ReviewListModel;
class Store;
struct ApplyReviewPlan;
struct AppliedReview;
struct JobResult;

// The review mode of the workspace (docs/product.md §4.5): the list of the differing data units of the pair
// (source → target), conflicts first, each approved or rejected by the reviewer as a whole or object by
// object, with an optional comment, and the decision bar the workspace shows under the canvas
// (decisionBar()); the keys (a, r, n, p, Shift+A, Shift+R) are the workspace's actions. "Apply approved…"
// shows the dry-run plan and then syncs exactly the approved units as one undoable write, and merges the
// approved objects as another. The listing, the plan and the apply run as jobs; a decision is one small write made on
// the GUI thread's store so the row changes the moment the key is pressed.
class ReviewTab : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewTab(JobManager *jobs, QWidget *parent = nullptr);

    // The open project's store on this thread; nullptr when no project is open.
    void setStore(Store *store, bool readOnly);
    void setBranches(const QStringList &branches);
    // Selects the pair and lists it.
    void setPair(const QString &source, const QString &target);
    QString source() const;
    QString target() const;
    bool hasListing() const;
    void clear();

    // The name decisions and applies are recorded under: the saved setting, else $LABELBRANCH_REVIEWER as on
    // the command line, else the OS user name.
    static QString reviewerName();
    static QString savedReviewerName(); // empty when none is set
    static void saveReviewerName(const QString &name);
    QAction *reviewerNameAction() const { return m_reviewerAction; }

    ReviewListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *commentEdit() const { return m_commentEdit; }
    QPushButton *applyButton() const { return m_applyButton; }
    // Approve, reject, comment, next and apply: the workspace shows it under the canvas.
    QWidget *decisionBar() const { return m_decisionBar; }
    QCheckBox *onlyUndecidedCheck() const { return m_onlyUndecided; }
    QProgressBar *progressBar() const { return m_progressBar; }
    QString progressText() const;
    QString conflictText() const; // the warning banner's text; empty while it is hidden
    QString appliedText() const;  // what the last apply did; empty while nothing is shown
    QString statusText() const;
    QString currentDataHash() const;
    void selectDataHash(const QString &dataHash);
    // The up-to-date decisions on single objects of a listed data unit, by object hash.
    QHash<QString, ReviewVerdict> objectVerdicts(const QString &dataHash) const;

public Q_SLOTS:
    void reload();
    // Reads the rows of the pair in the comparison's order (a sort asked for it) and shows them.
    void readRows(lb::DiffQuery::Order order, bool descending);
    // Lists again when the pair under review involves one of these branches (after a write elsewhere).
    void reloadIfAffected(const QStringList &branches);
    void approveSelected();
    void rejectSelected();
    void clearSelected();
    // Decides on one object of a listed data unit instead of the whole unit (Shift+A, Shift+R in the
    // workspace), with the comment; the selection stays on the unit, whose other objects are next.
    void decideObject(const QString &dataHash, const QString &objectHash, lb::ReviewVerdict verdict);
    void goToNextUndecided();
    void goToPreviousUndecided();
    void swap();
    // Works out the dry-run plan (a job), then asks for confirmation with the plan.
    void requestApply();

Q_SIGNALS:
    void currentDataUnitChanged(const QString &dataHash);
    void listingLoaded();
    // Decisions were saved or cleared (and audited) in the project.
    void decisionsSaved();
    void applyDialogOpened(lb::ApplyReviewDialog *dialog);
    void writeStarted(lb::Job *job);
    // The apply ended (finished, failed or cancelled); the owner refreshes what shows the branches.
    void writeFinished(lb::Job *job, const QStringList &affectedBranches);
    void errorOccurred(const QString &message);

private:
    // Construction (reviewtab.cpp), top to bottom.
    void createReviewerAction();
    QLabel *createNotice(const QString &name, notice::Kind kind);
    QVBoxLayout *createProgressRow();
    QTableView *createTable();
    void createDecisionBar();
    QPushButton *decisionButton(const QString &text, const QString &name, const QString &tip);
    // "1 data unit" / "3 data units" as whole sentences, the count in the locale's digits.
    static QString countSentence(int count, const QString &one, const QString &many);

    // Decisions, the apply and the reviewer's name (reviewtabdecisions.cpp).
    void decideSelected(ReviewVerdict verdict);
    // Asks for the reviewer's name; `then` runs once a name was given.
    void editReviewerName(std::function<void()> then);
    struct PendingDecision
    {
        QString source;
        QString target;
        QStringList hashes;
        ReviewVerdict verdict = ReviewVerdict::Approved;
        QString comment;
        QStringList objects; // decided on these objects of the one data unit in `hashes` instead
    };
    // Asks for a reviewer's name first when none is known at all; false when it asked (`retry` runs once
    // a name was given).
    bool ensureReviewerName(const std::function<void()> &retry);
    void saveDecisions(const QStringList &hashes, ReviewVerdict verdict, const QString &comment,
                       const QStringList &objects = {});
    static Result<QList<ReviewDecision>> runDecision(Store &store, const QString &reviewer,
                                                     const PendingDecision &decision);
    void startNextDecision();
    void decisionFailed(const QString &error);
    static QString decisionText(const PendingDecision &decision);
    void saveComment();
    void goToUndecided(bool next);
    void selectRow(int row);
    void onCurrentChanged();
    void showListing();
    void showStatus(const QString &text, bool error = false);
    void updateProgress();
    void updateActions();
    void updateReviewerLabel();
    void startApply(const ApplyReviewPlan &plan);
    // The job's result for what the apply did: its summary, and a written operation as the value.
    static JobResult appliedResult(const AppliedReview &applied, const QString &target);
    QStringList selectedDataHashes() const;

    JobManager *m_jobs = nullptr;
    Store *m_store = nullptr;
    bool m_readOnly = true;
    ReviewListModel *m_model = nullptr;

    QString m_source; // the pair under review: the workspace's
    QString m_target;
    QLabel *m_reviewerLabel = nullptr;
    QToolButton *m_reviewerButton = nullptr;
    QLabel *m_conflictBanner = nullptr;
    QLabel *m_appliedNotice = nullptr; // what the last apply did, until another pair is reviewed
    QLabel *m_progressLabel = nullptr;
    QCheckBox *m_onlyUndecided = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_commentEdit = nullptr;
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_rejectButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QWidget *m_decisionBar = nullptr;
    QAction *m_reviewerAction = nullptr;
    QString m_restoreDataHash;
    QList<PendingDecision> m_pendingDecisions;
    bool m_decisionRunning = false;
    bool m_decideInJobs = false;
    bool m_loading = false;
};

} // namespace lb
