print("surrogate")
