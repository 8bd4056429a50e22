# Metrics shared by every task: ROC/AUC, histograms, calibration, distribution distances,
# multi-class views, scaling fits, seed summaries and their CSV/JSON forms.
bithep_core_part(metrics DEPENDS platform)
target_sources(bithep_metrics PRIVATE
  metrics/input_checks.cpp
  metrics/csv_table.cpp
  metrics/roc_curve.cpp
  metrics/auc_comparison.cpp
  metrics/histogram_1d.cpp
  metrics/score_histograms.cpp
  metrics/calibration_curve.cpp
  metrics/seed_summary.cpp
  metrics/distribution_distance.cpp
  metrics/class_grouping.cpp
  metrics/confusion_matrix.cpp
  metrics/power_law_fit.cpp
  metrics/likelihood_scan.cpp)
