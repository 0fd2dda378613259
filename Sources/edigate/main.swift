print("edigate")
