package crossmint

// Crossmint documents example payloads only for the succeeded events and
// nfts.create.failed; the others follow the same <action>.<outcome> naming of
// its action status API and are assumed to carry the same data, with Error
// set on failure.

// CollectionCreateSucceeded is sent when a collection's contract is
// deployed. Its pre-2024 name was collection:creation.succeeded.
type CollectionCreateSucceeded struct{ ActionEvent[CollectionData] }

// CollectionCreateFailed is sent when deploying a collection failed.
type CollectionCreateFailed struct{ ActionEvent[CollectionData] }

// CollectionUpdateSucceeded is sent when a collection update is confirmed.
type CollectionUpdateSucceeded struct{ ActionEvent[CollectionData] }

// CollectionUpdateFailed is sent when a collection update failed.
type CollectionUpdateFailed struct{ ActionEvent[CollectionData] }

// NFTCreateSucceeded is sent when a mint is confirmed on chain. Its pre-2024
// name was mint.succeeded.
type NFTCreateSucceeded struct{ ActionEvent[NFTData] }

// NFTCreateFailed is sent when a mint failed, typically because an imported
// contract reverted; Data.Error says why.
type NFTCreateFailed struct{ ActionEvent[NFTData] }

// NFTUpdateSucceeded is sent when an NFT metadata edit is confirmed. Its
// pre-2024 name was mint:update.succeeded.
type NFTUpdateSucceeded struct{ ActionEvent[NFTData] }

// NFTUpdateFailed is sent when an NFT edit failed.
type NFTUpdateFailed struct{ ActionEvent[NFTData] }

// NFTDeleteSucceeded is sent when an NFT burn is confirmed.
type NFTDeleteSucceeded struct{ ActionEvent[NFTData] }

// NFTDeleteFailed is sent when an NFT burn failed.
type NFTDeleteFailed struct{ ActionEvent[NFTData] }

// EventType returns TypeCollectionCreateSucceeded, also for the legacy name.
func (*CollectionCreateSucceeded) EventType() string { return TypeCollectionCreateSucceeded }

// EventType returns TypeCollectionCreateFailed.
func (*CollectionCreateFailed) EventType() string { return TypeCollectionCreateFailed }

// EventType returns TypeCollectionUpdateSucceeded.
func (*CollectionUpdateSucceeded) EventType() string { return TypeCollectionUpdateSucceeded }

// EventType returns TypeCollectionUpdateFailed.
func (*CollectionUpdateFailed) EventType() string { return TypeCollectionUpdateFailed }

// EventType returns TypeNFTCreateSucceeded, also for the legacy name.
func (*NFTCreateSucceeded) EventType() string { return TypeNFTCreateSucceeded }

// EventType returns TypeNFTCreateFailed.
func (*NFTCreateFailed) EventType() string { return TypeNFTCreateFailed }

// EventType returns TypeNFTUpdateSucceeded, also for the legacy name.
func (*NFTUpdateSucceeded) EventType() string { return TypeNFTUpdateSucceeded }

// EventType returns TypeNFTUpdateFailed.
func (*NFTUpdateFailed) EventType() string { return TypeNFTUpdateFailed }

// EventType returns TypeNFTDeleteSucceeded.
func (*NFTDeleteSucceeded) EventType() string { return TypeNFTDeleteSucceeded }

// EventType returns TypeNFTDeleteFailed.
func (*NFTDeleteFailed) EventType() string { return TypeNFTDeleteFailed }
