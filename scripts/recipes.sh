# The training configurations the experiment scripts share (sourced, not run), as arrays of
# emoscope-cli train/cv options without data, schema, threads, epochs and seed.
#   shipped_recipe : the shipped model's configuration (scripts/train-default.sh,
#                    shippedRecipe() in core/train/ExperimentConfig.cpp)
#   clean_recipe   : the same without waveform augmentation
#   pooled12_recipe: the first pooled configuration (per-utterance normalisation, 1 augmented
#                    copy; the 12-epoch runs of docs/RESULTS.md)
shipped_recipe=(--model-type crnn_attn --norm speaker --corpus-adversary 0.1 --own-stats-share 0.25 --sampling corpus
                --batch-size 32 --lr 0.002 --weight-decay 0.01 --loss weighted --augment light+voice --augment-copies 3
                --lr-schedule cosine --features logmel_db,f0)
clean_recipe=(--model-type crnn_attn --norm speaker --corpus-adversary 0.1 --own-stats-share 0.25 --sampling corpus
              --batch-size 32 --lr 0.002 --weight-decay 0.01 --loss weighted --lr-schedule cosine --features logmel_db,f0)
pooled12_recipe=(--model-type crnn_attn --norm utterance --batch-size 32 --lr 0.002 --weight-decay 0.01 --loss weighted
                 --augment light+voice --augment-copies 1 --lr-schedule cosine --sampling corpus)
