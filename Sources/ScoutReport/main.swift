import Pipeline
print("scout-report")
