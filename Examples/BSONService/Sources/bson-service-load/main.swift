// bson-service-load: a bounded, verifying load client (written in the next step).
import BSONServiceClient
print("bson-service-load: not written yet")
